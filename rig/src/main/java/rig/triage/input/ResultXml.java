package rig.triage.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import rig.triage.Kind;
import rig.triage.UnreadableInputException;
import rig.triage.log.Evidence;
import rig.triage.log.Finding;
import rig.triage.log.KernelLogScanner;
import rig.triage.log.LineAssembler;
import rig.triage.signature.Scope;

/**
 * fstests' xunit report, streamed (StAX): testcase classname="xfstests.SECTION" name="generic/250" with
 * failure / error (output mismatch, timeout, other), skipped (not run), and system-out, system-err and
 * kernel-log text, which is scanned like any log.
 */
final class ResultXml {
    private final ScopedSink sink;
    private final Consumer<String> problems;

    /** @param problems receives problems with files beside the report (an unreadable NNN.dmesg.expected) */
    ResultXml(ScopedSink sink, Consumer<String> problems) {
        this.sink = sink;
        this.problems = problems;
    }

    void read(Path file, String source, String dirConfig) throws UnreadableInputException {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader x = f.createXMLStreamReader(in);
            try {
                walk(x, source, dirConfig, file.getParent());
            } finally {
                x.close();
            }
        } catch (XMLStreamException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNumber();
            throw new UnreadableInputException(source + ": not well-formed xunit XML at line " + line
                    + " (" + firstLine(e.getMessage()) + "); pass fstests' result.xml or the results directory");
        } catch (IOException e) {
            throw new UnreadableInputException(source + ": cannot read (" + e.getMessage() + "); check the path and permissions");
        }
    }

    private void walk(XMLStreamReader x, String source, String dirConfig, Path dir) throws XMLStreamException {
        Scope scope = null;
        boolean judged = false;
        while (x.hasNext()) {
            int ev = x.next();
            if (ev == XMLStreamConstants.END_ELEMENT && "testcase".equals(x.getLocalName())) {
                if (scope != null && !judged) {
                    sink.passed(scope);
                }
                scope = null;
                continue;
            }
            if (ev != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            switch (x.getLocalName()) {
                case "testcase" -> {
                    scope = new Scope(join(dirConfig, section(x.getAttributeValue(null, "classname"))),
                            x.getAttributeValue(null, "name"), source);
                    judged = false;
                }
                case "failure", "error" -> {
                    if (scope != null) {
                        judged = true;
                        failure(scope, x.getAttributeValue(null, "message"), verdict(dir, scope));
                        scanText(x, scope, null);
                    }
                }
                case "skipped" -> {
                    if (scope != null) {
                        judged = true;
                        String msg = x.getAttributeValue(null, "message");
                        sink.accept(scope, new Finding(Kind.NOT_RUN, "not run", null,
                                List.of(Evidence.line("", msg == null ? "skipped" : msg))));
                    }
                }
                case "system-out", "system-err" -> {
                    if (scope != null) {
                        scanText(x, scope, null);
                    }
                }
                case "kernel-log" -> {
                    if (scope != null) {
                        scanKernelLog(x, scope, dir);
                    }
                }
                default -> { }
            }
        }
    }

    /**
     * The runner's typed verdict on the test ({@code NNN.outcome} beside the report), when the rig
     * wrote the report; fstests' reports have none.
     */
    private java.util.Optional<rig.results.Verdict> verdict(Path dir, Scope scope) {
        if (dir == null || scope.test() == null || !scope.test().contains("/")) {
            return java.util.Optional.empty();
        }
        try {
            return rig.results.Verdict.read(dir.resolve(scope.test()));
        } catch (IOException | RuntimeException e) {
            problems.accept(dir.resolve(scope.test()) + rig.results.Verdict.SUFFIX + ": unreadable (" + e.getMessage()
                    + "); its failure message is read instead");
            return java.util.Optional.empty();
        }
    }

    private void failure(Scope scope, String message, java.util.Optional<rig.results.Verdict> verdict) {
        String m = message == null ? "" : message;
        sink.accept(scope, verdict.filter(v -> v.failure() != null).map(RunnerMessages::of)
                .orElseGet(() -> RunnerMessages.classify(m)));
        // a checker's finding as the message ("kernel log: WARNING: ...", "fsck of ... (corrupt)") names the failure better
        KernelLogScanner sc = new KernelLogScanner(x -> sink.accept(scope, x));
        sc.accept(checkerFinding(m));
        sc.finish();
    }

    /** rig's runner: "checker found kernel log: [ 1.2] WARNING: ... (see ...)" -> "[ 1.2] WARNING: ...". */
    static String checkerFinding(String message) {
        String m = message;
        for (String prefix : new String[] {"checker found ", "kernel log: "}) {
            if (m.startsWith(prefix)) {
                m = m.substring(prefix.length());
            }
        }
        return m;
    }

    /** A test's kernel-log element, as its NNN.dmesg: without other runs' lines, with what the test declared. */
    private void scanKernelLog(XMLStreamReader x, Scope scope, Path dir) throws XMLStreamException {
        if (scope.test() == null) {
            scanText(x, new KernelLogScanner(f -> sink.accept(scope, f)), null);
        } else {
            scanText(x, new KernelLogScanner(DeclaredFindings.kernelLogSink(dir, scope.test(), sink, scope, problems)),
                    new ForeignLines(dir, scope.test()));
        }
    }

    private void scanText(XMLStreamReader x, Scope scope, ForeignLines foreign) throws XMLStreamException {
        scanText(x, new KernelLogScanner(f -> sink.accept(scope, f)), foreign);
    }

    /** Streams an element's text through a kernel log scanner, line by line, without other runs' lines. */
    private void scanText(XMLStreamReader x, KernelLogScanner sc, ForeignLines foreign) throws XMLStreamException {
        LineAssembler lines = new LineAssembler(foreign == null ? sc::accept : l -> {
            if (!foreign.foreign(l)) {
                sc.accept(l);
            }
        });
        int depth = 1;
        while (depth > 0 && x.hasNext()) {
            int ev = x.next();
            if (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA || ev == XMLStreamConstants.SPACE) {
                lines.feed(x.getTextCharacters(), x.getTextStart(), x.getTextLength());
            } else if (ev == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
        lines.finish();
        sc.finish();
    }

    /** "btrfs_normal" for "xfstests.btrfs_normal"; "" for fstests' "global" (no sections). */
    static String section(String classname) {
        if (classname == null) {
            return "";
        }
        String s = classname.startsWith("xfstests.") ? classname.substring("xfstests.".length()) : classname;
        return s.equals("global") || s.equals("xfstests") ? "" : s;
    }

    /** The directory's configuration plus the section, unless the directory already names it. */
    static String join(String dirConfig, String section) {
        if (section.isEmpty() || dirConfig.equals(section) || dirConfig.endsWith("/" + section)) {
            return dirConfig;
        }
        return dirConfig.isEmpty() ? section : dirConfig + "/" + section;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "parse error";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
