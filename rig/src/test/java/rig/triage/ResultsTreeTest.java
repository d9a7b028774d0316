package rig.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import rig.triage.known.Baseline;
import rig.triage.log.Fixtures;

/** A results tree (two sections) as the runner writes it, triaged end to end. */
class ResultsTreeTest {
    @TempDir
    Path tmp;

    private Path results() throws Exception {
        Path r = tmp.resolve("results");
        String hang = Fixtures.seed("seed000-dio-failed-flattened.txt").replace("[ 868.210173] sysrq: Show Blocked State", "")
                .replace("[ 868.210869] task:kworker/u6:5 state:D stack:0 pid:96 ppid:2 flags:0x00004000 ...", "")
                + Fixtures.seed("seed000-sysrq-w-lines.txt");
        for (String section : List.of("btrfs_normal", "btrfs_compress")) {
            Path g = Files.createDirectories(r.resolve(section).resolve("generic"));
            Files.writeString(g.resolve("276.dmesg"), hang);
            Files.writeString(g.resolve("708.oe"), "");
            Files.writeString(g.resolve("708.out.bad"), "QA output created by 708\nzero-filled gap at [1048576, 2097152) in dst: hole in FIEMAP\n");
        }
        Path g = r.resolve("btrfs_normal").resolve("generic");
        Files.writeString(g.resolve("250.out.bad"), "QA output created by 250\nread back 4096 bytes, expected 8192\n");
        Files.writeString(g.resolve("251.notrun"), "this test requires a valid $SCRATCH_DEV\n");
        Files.writeString(r.resolve("check.log"), "SECTION       -- btrfs_normal\nRan: generic/250 generic/276\n"
                + "Failures: generic/250 generic/276 generic/299\nFailed 3 of 3 tests\n");
        Files.writeString(r.resolve("btrfs_normal").resolve("result.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="xfstests" failures="2" skipped="1" tests="4">
                  <testcase classname="xfstests.btrfs_normal" name="generic/250" time="3">
                    <failure message="- output mismatch (see results/btrfs_normal/generic/250.out.bad)" type="TestFail"/>
                    <system-err><![CDATA[--- tests/generic/250.out
                +++ results/generic/250.out.bad]]></system-err>
                  </testcase>
                  <testcase classname="xfstests.btrfs_normal" name="generic/300" time="600">
                    <failure message="test timed out after 600 s" type="TestFail"/>
                  </testcase>
                  <testcase classname="xfstests.btrfs_normal" name="generic/729" time="40">
                    <failure message="checker found hung ordered extent: fs 3c1f root 5 ino 257 file offset 0 len 4096 outstanding [0, 4096) bytes_left 4096 flags DIRECT, added by xfs_io-1, outstanding 31.0 s, last event btrfs_ordered_extent_add" type="TestFail"/>
                  </testcase>
                  <testcase classname="xfstests.btrfs_normal" name="generic/251">
                    <skipped message="this test requires a valid $SCRATCH_DEV"/>
                  </testcase>
                </testsuite>
                """);
        return r;
    }

    private static Signature byTitle(TriageResult r, String title) {
        return r.signatures().stream().filter(s -> s.title().equals(title)).findFirst()
                .orElseThrow(() -> new AssertionError("no '" + title + "' in " + r.signatures().stream().map(Signature::title).toList()));
    }

    @Test
    void sameFailureInTwoSectionsIsOneSignatureWithTwoConfigurations() throws Exception {
        TriageResult r = Triage.withDefaults().run(results());
        Signature hang = byTitle(r, "INFO: task hung in btrfs_start_ordered_extent");
        assertEquals(Kind.HUNG_ORDERED_EXTENT, hang.kind());
        assertEquals("btrfs_start_ordered_extent", hang.culprit());
        assertEquals(List.of("btrfs_compress", "btrfs_normal"), hang.configurations());
        assertEquals(List.of("generic/276"), hang.tests());
        assertEquals(2, hang.count());
        assertEquals(Status.KNOWN, hang.status());
        assertEquals("b73a6fd1b1ef", hang.known().reference());

        Signature gap = byTitle(r, "zero-filled gap in generic/708");
        assertEquals(Status.NEW, gap.status());
        assertEquals(List.of("btrfs_compress", "btrfs_normal"), gap.configurations());

        Signature mismatch = byTitle(r, "output mismatch in generic/250");
        assertEquals(1, mismatch.count(), "out.bad and result.xml are one occurrence");
        assertEquals(Kind.TIMEOUT, byTitle(r, "timeout in generic/300").kind());
        assertEquals(Kind.HUNG_ORDERED_EXTENT, byTitle(r, "hung ordered extent in generic/729").kind());
        assertTrue(r.signatures().stream().noneMatch(s -> s.title().equals("test failure in generic/729")));
        assertEquals(Status.EXPECTED, byTitle(r, "not run in generic/251").status());
        assertEquals(Status.EXPECTED, byTitle(r, "I/O error in btrfs_dio_end_io").status());
        Signature other = byTitle(r, "test failure in generic/299");
        assertEquals(List.of("btrfs_normal"), other.configurations());
        assertTrue(r.signatures().stream().noneMatch(s -> s.title().equals("test failure in generic/250")),
                "check.log's failure is explained by the test's own files");
        assertEquals(1, r.exitStatus());
    }

    /**
     * The rig's typed verdict (NNN.outcome) decides over its failure message: a hang whose words
     * name no function is still the hang in the function the runner recorded.
     */
    @Test
    void theRunnersVerdictIsReadNotItsWords() throws Exception {
        Path r = tmp.resolve("typed");
        Path g = Files.createDirectories(r.resolve("btrfs").resolve("generic"));
        new rig.results.Verdict("generic/708", rig.results.Status.FAIL, rig.results.FailureKind.HUNG,
                "btrfs_start_ordered_extent", "failed, worded in a way no parser knows", 120, null).write(g.resolve("708"));
        Files.writeString(r.resolve("btrfs").resolve("result.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="xfstests" failures="1" skipped="0" tests="1">
                  <testcase classname="xfstests.btrfs" name="generic/708" time="120">
                    <failure message="failed, worded in a way no parser knows" type="TestFail"/>
                  </testcase>
                </testsuite>
                """);
        TriageResult t = Triage.withDefaults().run(r);
        Signature hang = byTitle(t, "INFO: task hung in btrfs_start_ordered_extent");
        assertEquals(Kind.HUNG_ORDERED_EXTENT, hang.kind());
        assertTrue(t.signatures().stream().noneMatch(s -> s.title().startsWith("test failure")), t.signatures().toString());
    }

    @Test
    void baselineLabelsNewKnownAndFixed() throws Exception {
        Path base = tmp.resolve("baseline.txt");
        Files.writeString(base, "# known failures\nzero-filled gap in generic/708\noutput mismatch in generic/250\n"
                + "timeout in generic/300\ntest failure in generic/299\nWARNING in btrfs_gone_function\n"
                + "hung ordered extent in generic/729\n");
        TriageResult r = Triage.withDefaults().baseline(Baseline.load(base)).run(results());
        assertEquals(Status.KNOWN, byTitle(r, "zero-filled gap in generic/708").status());
        assertEquals(Status.NEW, byTitle(r, "INFO: task hung in btrfs_start_ordered_extent").status(),
                "with a baseline, a hang not in it is new even if a fix is recorded");
        assertEquals(Status.FIXED, byTitle(r, "WARNING in btrfs_gone_function").status());
        assertEquals(1, r.exitStatus());
    }

    @Test
    void jsonOutputIsABaseline() throws Exception {
        Path results = results();
        Cli first = Cli.run("--json", results.toString());
        assertEquals(1, first.status);
        Path base = tmp.resolve("base.json");
        Files.writeString(base, first.out);
        Cli second = Cli.run("--baseline", base.toString(), results.toString());
        assertEquals(0, second.status, second.out);
        assertTrue(second.out.contains("KNOWN  zero-filled gap in generic/708"), second.out);
    }

    @Test
    void exitStatusTwoWithAOneLineCauseForUnreadableInput() {
        Cli c = Cli.run(tmp.resolve("nope").toString());
        assertEquals(2, c.status);
        assertEquals(1, c.err.strip().lines().count(), c.err);
        assertTrue(c.err.contains("nope: no such file or directory; pass a results directory"), c.err);
        Cli empty = Cli.run(tmp.toString());
        assertEquals(2, empty.status);
        assertTrue(empty.err.contains("no results or logs found"), empty.err);
    }

    @Test
    void gzipLogsAreReadAsText() throws Exception {
        Path gz = tmp.resolve("console.log.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Fixtures.seed("seed004-iomap-warning.txt").getBytes(StandardCharsets.UTF_8));
        }
        TriageResult r = Triage.withDefaults().run(gz);
        assertEquals(List.of("WARNING in iomap_file_buffered_write_punch_delalloc"),
                r.signatures().stream().map(Signature::title).toList());
    }

    @Test
    void binaryInputIsRefused() throws Exception {
        Path bin = tmp.resolve("core.dmesg");
        Files.write(bin, new byte[] {0x7f, 'E', 'L', 'F', 0, 0, 1});
        Cli c = Cli.run(bin.toString());
        assertEquals(2, c.status);
        assertTrue(c.err.contains("binary data, not a log"), c.err);
    }

    @Test
    void stdinAndMarkdown() {
        Cli c = Cli.runWithStdin(Fixtures.seed("seed004-iomap-warning.txt"), "--markdown", "-");
        assertEquals(0, c.status, c.err);
        assertTrue(c.out.contains("| KNOWN | WARNING in iomap_file_buffered_write_punch_delalloc | WARNING | 1 |"), c.out);
        Cli none = Cli.runWithStdin("[    1.000000] Linux version 6.1.0\n", "-");
        assertEquals(0, none.status);
        assertTrue(none.out.contains("0 signatures"), none.out);
    }

    record Cli(int status, String out, String err) {
        static Cli run(String... args) {
            return runWithStdin("", args);
        }

        static Cli runWithStdin(String stdin, String... args) {
            var out = new ByteArrayOutputStream();
            var err = new ByteArrayOutputStream();
            var in = System.in;
            try {
                System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
                TriageCommand cmd = new TriageCommand();
                cmd.out = new PrintStream(out, true, StandardCharsets.UTF_8);
                cmd.err = new PrintStream(err, true, StandardCharsets.UTF_8);
                int s = new CommandLine(cmd).execute(args);
                return new Cli(s, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
            } finally {
                System.setIn(in);
            }
        }
    }

    /** rig vm's results: vm-console.log (console loglevel: the hung-task line without its stack) beside vm-dmesg.log. */
    @Test
    void aGuestConsoleBesideItsKernelLogAddsNoStacklessReport() throws Exception {
        Path r = Files.createDirectories(tmp.resolve("vm"));
        String head = "[  247.031546] INFO: task java:184 blocked for more than 122 seconds.\n"
                + "[  247.031908]       Not tainted 6.1.192 #3\n"
                + "[  247.032108] \"echo 0 > /proc/sys/kernel/hung_task_timeout_secs\" disables this message.\n";
        Files.writeString(r.resolve("vm-console.log"), head + "[  258.742582] sysrq: Show Blocked State\n");
        Files.writeString(r.resolve("vm-dmesg.log"), head
                + "[  247.032222] task:java            state:D stack:13352 pid:184   ppid:164    flags:0x00000006\n"
                + "[  247.033410] Call Trace:\n[  247.033435]  <TASK>\n[  247.033450]  __schedule+0x29b/0x740\n"
                + "[  247.033497]  schedule+0x52/0xa0\n[  247.033508]  btrfs_start_ordered_extent+0x109/0x150\n"
                + "[  247.033541]  btrfs_lock_and_flush_ordered_range+0x7d/0x110\n[  247.033555]  extent_readahead+0x2d5/0x3b0\n"
                + "[  247.033952]  </TASK>\n");
        List<String> titles = Triage.withDefaults().run(r).signatures().stream().map(Signature::title).toList();
        assertEquals(List.of("INFO: task hung in btrfs_start_ordered_extent"), titles);
        Files.delete(r.resolve("vm-dmesg.log"));
        assertTrue(Triage.withDefaults().run(r).signatures().stream().anyMatch(s -> s.title().startsWith("INFO: task hung")),
                "alone, the console is still read");
    }

    /** The .full restates the kernel-log checker's finding by the report's first line; the report is read from .dmesg. */
    @Test
    void aKernelLogFindingInTheFullLogIsNoSecondReport() throws Exception {
        Path g = Files.createDirectories(tmp.resolve("restated").resolve("rig"));
        String dmesg = "[  247.031546] INFO: task java:184 blocked for more than 122 seconds.\n"
                + "[  247.032222] task:java            state:D stack:13352 pid:184   ppid:164    flags:0x00000006\n"
                + "[  247.033410] Call Trace:\n[  247.033435]  <TASK>\n[  247.033450]  __schedule+0x29b/0x740\n"
                + "[  247.033497]  schedule+0x52/0xa0\n[  247.033508]  btrfs_start_ordered_extent+0x109/0x150\n"
                + "[  247.033555]  extent_readahead+0x2d5/0x3b0\n[  247.033952]  </TASK>\n";
        Files.writeString(g.resolve("311.dmesg"), dmesg);
        Files.writeString(g.resolve("311.full"), "checker finding: dmesg: kernel log: INFO: task java:184 blocked for more"
                + " than 122 seconds. (see 311.dmesg)\n");
        List<String> titles = Triage.withDefaults().run(g.getParent()).signatures().stream().map(Signature::title).toList();
        assertEquals(List.of("INFO: task hung in btrfs_start_ordered_extent"), titles);
    }
}
