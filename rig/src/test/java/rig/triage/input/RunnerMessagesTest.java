package rig.triage.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rig.triage.Kind;
import rig.triage.log.Finding;

class RunnerMessagesTest {
    @TempDir
    Path tmp;

    @Test
    void timeoutMessageIsATimeoutSummary() {
        Finding f = RunnerMessages.classify("failed, timed out after 3s");
        assertEquals(Kind.TIMEOUT, f.kind());
        assertTrue(f.summary());
    }

    /** The hang path's message (rig.check.hang.HangWatch#culprit on the hangs branch: "hung: " + BlockedTask#line()). */
    @Test
    void hangMessageNamesTheBlockedFunction() {
        Finding f = RunnerMessages.classify("failed, hung: task dd:4567 blocked 16 s in __iomap_dio_rw; ordered extent"
                + " root 5 ino 257 [0, 1048576) outstanding (timed out after 20s)");
        assertEquals(Kind.HUNG_ORDERED_EXTENT, f.kind());
        assertEquals("__iomap_dio_rw", f.culprit());
        assertEquals("INFO: task hung", f.label());
        Finding plain = RunnerMessages.classify("failed, hung: task kworker/u8:1+loop2:32 blocked 12 s in fuse_get_req"
                + " (progress stopped after 12 s)");
        assertEquals(Kind.HUNG_TASK, plain.kind());
        assertEquals("fuse_get_req", plain.culprit());
        assertEquals(Kind.TIMEOUT, RunnerMessages.classify("failed, progress stopped after 12 s: a task blocked").kind());
    }

    @Test
    void mismatchAndOtherFailures() {
        assertEquals(Kind.OUTPUT_MISMATCH, RunnerMessages.classify("output mismatch (see results/rig/002.out.bad)").kind());
        assertEquals(Kind.TEST_FAILURE, RunnerMessages.classify("worker JVM died during the test; see worker.log").kind());
        assertEquals(Kind.TEST_FAILURE, RunnerMessages.classify("failed, xfs_io timed out after 60 s (see 250.full)").kind(),
                "a test's own exception about a timeout is not the runner's timeout");
    }

    @Test
    void linesOfAnotherRunsTestOnAnotherDeviceAreForeign() throws Exception {
        Files.writeString(tmp.resolve("203.full"), "    1   256.00MiB  /dev/loop1\n");
        Files.writeString(tmp.resolve("203.fsck"), "TEST_DEV: skipped /dev/loop0: mounted\n");
        ForeignLines f = new ForeignLines(tmp, "203");
        List<String> log = List.of(
                "[ 1.0] BTRFS warning (device loop4): csum failed root 5 ino 258 off 0",
                "[ 2.0] rig: start rig/100 [4253.2]",
                "[ 3.0] BTRFS warning (device loop4): csum failed root 5 ino 258 off 0",
                "[ 3.1] BTRFS warning (device loop1): direct IO failed ino 257 op 0x8801 offset 0x0 len 1048576 err no 10",
                "[ 3.2] WARNING: CPU: 0 PID: 1 at fs/btrfs/inode.c:1 btrfs_foo+0x0/0x10",
                "[ 4.0] rig: end rig/100 [4253.2]",
                "[ 5.0] BTRFS warning (device loop4): csum failed root 5 ino 258 off 0");
        List<Boolean> foreign = log.stream().map(f::foreign).toList();
        assertEquals(List.of(false, true, true, false, false, true, false), foreign);
    }
}
