package rig.results;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * {@code result.xml} in fstests' xunit schema: one {@code testsuite name="xfstests"} with
 * failures, skipped, tests, time, hostname, start_timestamp, timestamp, report_timestamp;
 * {@code properties}; one {@code testcase classname="xfstests.<section>" name="generic/250"
 * time} per test with {@code skipped} or {@code failure}, {@code system-out} (.full),
 * {@code kernel-log} (.dmesg) and {@code system-err} (the diff), except in quiet mode (fstests'
 * xunit-quiet: only the failure's message, for CI parsers that refuse large files). Rewritten
 * atomically after each test, so that a crashed run leaves a valid file.
 */
public final class XunitReport {

    private static final int MAX_EMBED = 256 * 1024;
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    private static final String FSTESTS_NS = "https://git.kernel.org/pub/scm/fs/xfs/xfstests-dev.git";
    /** date -Iseconds: "2026-12-06T04:27:05+00:00" (never "Z"). */
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");

    private final Path file;
    private final String section;
    private final String hostname;
    private final Map<String, String> properties;
    private final Instant started;
    private final boolean quiet;
    private final List<TestResult> results = new ArrayList<>();

    public XunitReport(Path file, String section, String hostname, Map<String, String> properties, Instant started) {
        this(file, section, hostname, properties, started, false);
    }

    public XunitReport(Path file, String section, String hostname, Map<String, String> properties, Instant started,
                       boolean quiet) {
        this.quiet = quiet;
        this.file = file;
        this.section = section;
        this.hostname = hostname;
        this.properties = new LinkedHashMap<>(properties);
        this.started = started;
    }

    /** Writes the file with the results so far (a run that was interrupted before its first result has one too). */
    public void flush() throws IOException {
        AtomicFiles.write(file, render(Instant.now()));
    }

    /** Adds a result (expunged and interrupted ones are left out, as fstests does) and rewrites the file. */
    public void add(TestResult result) throws IOException {
        if (result.status() != Status.EXPUNGED && result.status() != Status.INTERRUPTED) {
            results.add(result);
        }
        AtomicFiles.write(file, render(Instant.now()));
    }

    String render(Instant now) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuite");
            x.writeNamespace("xsi", XSI);
            x.writeAttribute(XSI, "schemaLocation", FSTESTS_NS + " " + FSTESTS_NS + "/tree/doc/xunit.xsd");
            x.writeAttribute("name", "xfstests");
            x.writeAttribute("failures", count(Status.FAIL));
            x.writeAttribute("skipped", count(Status.NOTRUN));
            x.writeAttribute("tests", Integer.toString(results.size()));
            x.writeAttribute("time", Long.toString(ChronoUnit.SECONDS.between(started, now)));
            x.writeAttribute("hostname", hostname);
            x.writeAttribute("start_timestamp", stamp(started));
            x.writeAttribute("timestamp", stamp(started));
            x.writeAttribute("report_timestamp", stamp(now));
            x.writeCharacters("\n  ");
            x.writeStartElement("properties");
            for (var p : properties.entrySet()) {
                x.writeCharacters("\n    ");
                x.writeEmptyElement("property");
                x.writeAttribute("name", p.getKey());
                x.writeAttribute("value", clean(p.getValue()));
            }
            x.writeCharacters("\n  ");
            x.writeEndElement();
            for (TestResult r : results) {
                writeCase(x, r);
            }
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot render the xunit report", e);
        }
        return text.toString();
    }

    private void writeCase(XMLStreamWriter x, TestResult r) throws XMLStreamException {
        x.writeCharacters("\n  ");
        x.writeStartElement("testcase");
        x.writeAttribute("classname", "xfstests." + section);
        x.writeAttribute("name", r.id());
        x.writeAttribute("time", Long.toString(r.seconds()));
        if (r.status() == Status.NOTRUN) {
            x.writeCharacters("\n    ");
            x.writeEmptyElement("skipped");
            x.writeAttribute("message", clean(r.message()));
        } else if (r.status() == Status.FAIL) {
            x.writeCharacters("\n    ");
            x.writeEmptyElement("failure");
            x.writeAttribute("message", clean(failureMessage(r)));
            x.writeAttribute("type", "TestFail");
            if (!quiet) {
                embedEvidence(x, r);
            }
        }
        x.writeCharacters("\n  ");
        x.writeEndElement();
    }

    private static void embedEvidence(XMLStreamWriter x, TestResult r) throws XMLStreamException {
        embed(x, "system-out", r.seqres() == null ? null : Path.of(r.seqres() + ".full"));
        embed(x, "kernel-log", r.seqres() == null ? null : Path.of(r.seqres() + ".dmesg"));
        if (r.diff() != null) {
            element(x, "system-err", r.diff());
        }
    }

    private static void embed(XMLStreamWriter x, String name, Path file) throws XMLStreamException {
        if (file == null || !Files.isRegularFile(file)) {
            return;
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            String text = new String(bytes, 0, Math.min(bytes.length, MAX_EMBED), StandardCharsets.UTF_8);
            if (bytes.length > MAX_EMBED) {
                text += "\n[... " + (bytes.length - MAX_EMBED) + " more bytes in " + file + "]\n";
            }
            element(x, name, text);
        } catch (IOException e) {
            element(x, name, "[cannot read " + file + ": " + e.getMessage() + "]");
        }
    }

    private static void element(XMLStreamWriter x, String name, String text) throws XMLStreamException {
        x.writeCharacters("\n    ");
        x.writeStartElement(name);
        x.writeCData(clean(text).replace("]]>", "]]]]><![CDATA[>"));
        x.writeEndElement();
    }

    /** Drops characters XML 1.0 cannot carry (control characters from a kernel log, ...). */
    static String clean(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().filter(c -> c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF
                || c >= 0xE000 && c <= 0xFFFD || c >= 0x10000 && c <= 0x10FFFF).forEach(b::appendCodePoint);
        return b.toString();
    }

    /** The failure as fstests' _err_msg words it: "- output mismatch (see ...)"; the rig's own reasons as they are. */
    static String failureMessage(TestResult r) {
        String m = r.message() == null || r.message().isBlank() ? "Test " + r.id() + " failed, reason unknown" : r.message();
        return r.failure() == FailureKind.OUTPUT_MISMATCH ? "- " + m : m;
    }

    private String count(Status s) {
        return Long.toString(results.stream().filter(r -> r.status() == s).count());
    }

    private static String stamp(Instant t) {
        return STAMP.format(t.atZone(ZoneId.systemDefault()).truncatedTo(ChronoUnit.SECONDS));
    }
}
