package rig.triage.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rig.triage.Kind;
import rig.triage.Signature;
import rig.triage.Triage;
import rig.triage.TriageResult;

/**
 * A zero-filled gap is told three ways in a test's results (the lines are the rig's own report lines, as
 * rig.checkers.gaps.GapFinding, rig.checkers.oe.OeReport and the transcript diff write them): the
 * verifier's range, the ledger's ordered extent that finished with IOERR, and the output mismatch. One
 * failure is one signature, named by the verifier, with the others as evidence.
 */
class OneFailureOneSignatureTest {
    @TempDir
    Path tmp;

    @Test
    void gapLedgerAndTranscriptOfOneTestAreOneSignature() throws Exception {
        Path g = Files.createDirectories(tmp.resolve("results/generic"));
        Files.writeString(g.resolve("708.gaps"), "zero-filled gap at [0, 65536) in bar: hole in FIEMAP\n");
        Files.writeString(g.resolve("708.oe"), "gap in the making: ino 258 [0, 65536) of /mnt/scratch/bar finished with"
                + " IOERR although write #0 acknowledged it\n");
        Files.writeString(g.resolve("708.out.bad"), "QA output created by 708\nwrote 8388608 bytes\nfiles differ\n");
        Files.writeString(g.resolve("708.full"), "rig: failed, output mismatch (see results/generic/708.out.bad)\n");
        TriageResult r = Triage.withDefaults().run(tmp.resolve("results"));
        List<Signature> failures = r.signatures().stream().filter(s -> s.kind().failure()).toList();
        assertEquals(List.of("zero-filled gap in generic/708"), failures.stream().map(Signature::title).toList());
        Signature gap = failures.get(0);
        assertEquals(Kind.ZERO_FILLED_GAP, gap.kind());
        assertEquals(1, gap.count());
        assertTrue(gap.evidence().stream().anyMatch(e -> e.startsWith("gap in the making: ino 258")), gap.evidence().toString());
    }

    @Test
    void aGapAndAWarningOfOneTestStayTwoSignatures() throws Exception {
        Path g = Files.createDirectories(tmp.resolve("results/generic"));
        Files.writeString(g.resolve("708.gaps"), "zero-filled gap at [0, 65536) in bar: hole in FIEMAP\n");
        Files.writeString(g.resolve("708.dmesg"), """
                [  10.000001] WARNING: CPU: 0 PID: 7 at fs/btrfs/ordered-data.c:99 btrfs_split_ordered_extent+0x1/0x2 [btrfs]
                [  10.000002] RIP: 0010:btrfs_split_ordered_extent+0x1/0x2 [btrfs]
                [  10.000003] Call Trace:
                [  10.000004]  btrfs_extract_ordered_extent+0x5a/0x200 [btrfs]
                """);
        TriageResult r = Triage.withDefaults().run(tmp.resolve("results"));
        assertEquals(List.of("WARNING in btrfs_split_ordered_extent", "zero-filled gap in generic/708"),
                r.signatures().stream().filter(s -> s.kind().failure()).map(Signature::title).toList());
    }

    /** A sysrq-w dump a mail cut before its first stack is the same hang as the log's dump with stacks. */
    @Test
    void aDumpCutBeforeItsStacksJoinsTheLogsHang() throws Exception {
        Path log = tmp.resolve("thread.txt");
        Files.writeString(log, """
                [  868.210173] sysrq: Show Blocked State
                [  868.210869] task:kworker/u6:5 state:D stack:0 pid:96 ppid:2 flags:0x00004000
                (the rest of this dump was not quoted)

                [33812.455122] sysrq: Show Blocked State
                [33812.458831] task:kworker/u20:31 state:D stack:0 pid:1457865 ppid:2 flags:0x00004000
                [33812.460000] Call Trace:
                [33812.470000]  __schedule+0x2cb/0x880
                [33812.480000]  schedule+0x50/0xc0
                [33812.485123]  btrfs_start_ordered_extent+0xf7/0x140 [btrfs]
                [33812.494508]  btrfs_run_ordered_extent_work+0x1a/0x30 [btrfs]
                """);
        List<Signature> sigs = Triage.withDefaults().run(log).signatures();
        assertEquals(List.of("INFO: task hung in btrfs_start_ordered_extent"), sigs.stream().map(Signature::title).toList());
        assertTrue(sigs.get(0).evidence().contains("[  868.210173] sysrq: Show Blocked State"), sigs.get(0).evidence().toString());
    }
}
