package rig.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class XunitReportTest {

    @TempDir
    Path dir;

    private Document parse(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(file.toFile());
    }

    @Test
    void writesFstestsSchemaAndRewritesAtomicallyAfterEachTest() throws Exception {
        Path xml = dir.resolve("result.xml");
        Map<String, String> props = new LinkedHashMap<>();
        props.put("FSTYP", "btrfs");
        props.put("KERNEL", "6.1.0");
        XunitReport report = new XunitReport(xml, "btrfs_compress", "host1", props, Instant.now());

        Path seqres = dir.resolve("generic/250");
        Files.createDirectories(seqres.getParent());
        Files.writeString(Path.of(seqres + ".full"), "mkfs output\n\u0001control char dropped\n");
        Files.writeString(Path.of(seqres + ".dmesg"), "BTRFS: error <here> & there\n");

        report.add(TestResult.pass("generic/001", 3, Instant.now(), dir.resolve("generic/001")));
        Document first = parse(xml);
        assertEquals("1", first.getDocumentElement().getAttribute("tests"), "valid after the first test");

        report.add(TestResult.notRun("generic/002", "reflink not supported by ext4", Instant.now(), dir.resolve("generic/002")));
        report.add(TestResult.fail("generic/250", FailureKind.OUTPUT_MISMATCH, "output mismatch (see x.out.bad)", "--- a\n+++ b\n-x\n+y ]]> end\n", 7,
                Instant.now(), seqres));
        report.add(TestResult.expunged("generic/300", dir.resolve("generic/300")));

        Element suite = parse(xml).getDocumentElement();
        assertEquals("testsuite", suite.getTagName());
        assertEquals("xfstests", suite.getAttribute("name"));
        assertEquals("3", suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("failures"));
        assertEquals("1", suite.getAttribute("skipped"));
        assertEquals("host1", suite.getAttribute("hostname"));
        for (String a : List.of("time", "timestamp", "start_timestamp", "report_timestamp")) {
            assertTrue(!suite.getAttribute(a).isEmpty(), a);
        }
        NodeList property = suite.getElementsByTagName("property");
        assertEquals("FSTYP", ((Element) property.item(0)).getAttribute("name"));
        assertEquals("btrfs", ((Element) property.item(0)).getAttribute("value"));

        NodeList cases = suite.getElementsByTagName("testcase");
        assertEquals(3, cases.getLength(), "expunged tests are left out");
        Element pass = (Element) cases.item(0);
        assertEquals("xfstests.btrfs_compress", pass.getAttribute("classname"));
        assertEquals("generic/001", pass.getAttribute("name"));
        assertEquals("3", pass.getAttribute("time"));
        assertEquals(0, pass.getElementsByTagName("failure").getLength());

        Element skipped = (Element) ((Element) cases.item(1)).getElementsByTagName("skipped").item(0);
        assertEquals("reflink not supported by ext4", skipped.getAttribute("message"));

        Element failed = (Element) cases.item(2);
        Element failure = (Element) failed.getElementsByTagName("failure").item(0);
        assertEquals("- output mismatch (see x.out.bad)", failure.getAttribute("message"), "common/report: _err_msg as _dump_err set it");
        assertEquals("https://git.kernel.org/pub/scm/fs/xfs/xfstests-dev.git https://git.kernel.org/pub/scm/fs/xfs/xfstests-dev.git/tree/doc/xunit.xsd",
                suite.getAttributeNS("http://www.w3.org/2001/XMLSchema-instance", "schemaLocation"));
        assertEquals("TestFail", failure.getAttribute("type"));
        assertEquals("mkfs output\ncontrol char dropped\n", failed.getElementsByTagName("system-out").item(0).getTextContent());
        assertEquals("BTRFS: error <here> & there\n", failed.getElementsByTagName("kernel-log").item(0).getTextContent());
        assertEquals("--- a\n+++ b\n-x\n+y ]]> end\n", failed.getElementsByTagName("system-err").item(0).getTextContent());

        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList(), "no temporary left");
        }
    }

    @Test
    void quietReportKeepsTheFailureMessageButEmbedsNoEvidence() throws Exception {
        Path xml = dir.resolve("result.xml");
        Path seqres = dir.resolve("generic/250");
        Files.createDirectories(seqres.getParent());
        Files.writeString(Path.of(seqres + ".full"), "mkfs output\n");
        Files.writeString(Path.of(seqres + ".dmesg"), "BTRFS: error\n");
        XunitReport report = new XunitReport(xml, "global", "h", Map.of(), Instant.now(), true);
        report.add(TestResult.fail("generic/250", FailureKind.OUTPUT_MISMATCH, "output mismatch (see x.out.bad)", "--- a\n+++ b\n", 7, Instant.now(),
                seqres));
        Element failed = (Element) parse(xml).getDocumentElement().getElementsByTagName("testcase").item(0);
        assertEquals("- output mismatch (see x.out.bad)",
                ((Element) failed.getElementsByTagName("failure").item(0)).getAttribute("message"));
        for (String evidence : List.of("system-out", "kernel-log", "system-err")) {
            assertEquals(0, failed.getElementsByTagName(evidence).getLength(), evidence + " left out in quiet mode");
        }
    }

    @Test
    void emptyReportIsValid() throws Exception {
        Path xml = dir.resolve("result.xml");
        new XunitReport(xml, "global", "h", Map.of(), Instant.now()).add(TestResult.expunged("generic/1", dir));
        assertEquals("0", parse(xml).getDocumentElement().getAttribute("tests"));
    }

    @Test
    void checkTimeKeepsOneLinePerTestAndReloads() throws IOException {
        Path file = dir.resolve("check.time");
        CheckTime t = CheckTime.load(file);
        assertTrue(t.previous("generic/250").isEmpty());
        t.record("generic/250", 3);
        t.record("btrfs/001", 12);
        t.record("generic/250", 2);
        assertEquals("btrfs/001 12\ngeneric/250 2\n", Files.readString(file));
        assertEquals(2, CheckTime.load(file).previous("generic/250").getAsLong());
    }

    @Test
    /** fstests' check, _wrapup: "Ran:" holds every test tried, not-run ones included. */
    void summaryWordsSayWhatRan() {
        Instant now = Instant.now();
        List<TestResult> rs = List.of(TestResult.pass("generic/001", 1, now, dir), TestResult.notRun("generic/002", "why", now, dir),
                TestResult.fail("generic/003", FailureKind.TEST_ERROR, "m", null, 1, now, dir), TestResult.expunged("generic/004", dir));
        assertEquals(List.of("Ran: generic/001 generic/002 generic/003", "Not run: generic/002", "Failures: generic/003",
                "Failed 1 of 3 tests"), CheckLog.summary(rs));
        assertEquals(List.of("Ran: generic/001 generic/002", "Interrupted!", "Not run: generic/002", "Passed all 2 tests"),
                CheckLog.summary(rs.subList(0, 2), true));
        assertEquals("Passed all 5 tests", CheckLog.countLine(5, 0));
    }
}
