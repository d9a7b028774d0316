package rig.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rig.checkers.blocked.BlockedTask;
import rig.checkers.fsck.Fsck;
import rig.checkers.gaps.GapFinding;

/**
 * Results written in the rig checkers' own line shapes: the gap and blocked-task lines come from the
 * checkers' classes (GapFinding, BlockedTask, Fsck.Result), so a format change there shows up here.
 */
class RigResultsTest {
    @TempDir
    Path tmp;

    private static final String KWORKER_STACK = """
            [<0>] btrfs_start_ordered_extent+0xf7/0x140 [btrfs]
            [<0>] btrfs_run_ordered_extent_work+0x1a/0x30 [btrfs]
            [<0>] btrfs_work_helper+0x27f/0x360 [btrfs]
            [<0>] process_one_work+0x1b0/0x390
            [<0>] worker_thread+0x3c/0x370
            [<0>] kthread+0xe3/0x110
            [<0>] ret_from_fork+0x1f/0x30""";
    private static final String UMOUNT_STACK = """
            [<0>] wait_for_completion+0xb5/0x160
            [<0>] btrfs_wait_ordered_extents+0x346/0x450 [btrfs]
            [<0>] btrfs_wait_ordered_roots+0x163/0x250 [btrfs]
            [<0>] btrfs_sync_fs+0x3e/0x1c0 [btrfs]
            [<0>] sync_filesystem+0x74/0x90""";

    /** What BlockedTaskChecker writes to NNN.blocked. */
    private static List<String> blockedReport(BlockedTask... tasks) {
        List<String> text = new ArrayList<>(List.of("blocked-task sampler: threshold 10 s"));
        for (BlockedTask b : tasks) {
            text.add(b.line() + " (pid " + b.pid() + ", wchan " + b.wchan() + ")");
            b.stack().lines().forEach(l -> text.add("    " + l));
        }
        return text;
    }

    @Test
    void controlsThatFailedGiveOneBlockPerFailureWithTheRightCulprit() throws Exception {
        Path g = Files.createDirectories(tmp.resolve("results/btrfs_dio/generic"));
        Files.write(g.resolve("276.blocked"), blockedReport(
                new BlockedTask(2001, 2001, "umount", 130_000, "btrfs_wait_ordered_extents", UMOUNT_STACK, true),
                new BlockedTask(96, 96, "kworker/u6:5", 131_000, "btrfs_start_ordered_extent", KWORKER_STACK, true)));
        // the line shape of rig.checkers.oe.OeReport#hung (package-private there)
        Files.writeString(g.resolve("276.oe"), String.format(Locale.ROOT,
                "hung ordered extent: fs %s root %d ino %d file offset %d len %d outstanding %s bytes_left %d "
                        + "flags %s, added by %s, outstanding %.1f s, last event %s%n",
                "3c1f9a2e", 5, 257, 0, 1048576, "[0, 1048576)", 1048576, "DIRECT|IOERR", "xfs_io-4242", 12.3,
                "btrfs_ordered_extent_mark_finished"));
        GapFinding gap = new GapFinding(GapFinding.Kind.ZERO, "/mnt/rig-scratch/dst", 1048576, 2097152, "hole",
                "write #1 acknowledged [0, 2097152)");
        Files.writeString(g.resolve("708.gaps"), gap.detail() + "\n");
        Fsck.Result fsck = new Fsck.Result("/dev/loop3", "btrfs", List.of("btrfs", "check", "--readonly", "/dev/loop3"),
                1, false, "ERROR: errors found in fs roots", null);
        Files.writeString(g.resolve("250.fsck"), "SCRATCH_DEV: " + fsck.summary() + "\n    " + fsck.output() + "\n");

        TriageResult r = Triage.withDefaults().run(tmp.resolve("results"));
        List<String> titles = r.signatures().stream().map(Signature::title).toList();
        // generic/276's hang is one block: the stacks name the culprit, the ledger's line joins the evidence
        assertEquals(List.of("INFO: task hung in btrfs_start_ordered_extent", "fsck corruption in generic/250",
                "zero-filled gap in generic/708"), titles.stream().sorted().toList());
        Signature hang = r.signatures().stream().filter(s -> s.title().startsWith("INFO: task hung")).findFirst().orElseThrow();
        assertEquals(Kind.HUNG_ORDERED_EXTENT, hang.kind());
        assertEquals("btrfs_start_ordered_extent", hang.culprit());
        assertEquals(List.of("btrfs_dio"), hang.configurations());
        assertTrue(hang.evidence().stream().anyMatch(e -> e.startsWith("task umount:2001 blocked 130 s")), hang.evidence().toString());
        assertTrue(hang.evidence().stream().anyMatch(e -> e.startsWith("hung ordered extent: fs 3c1f9a2e root 5 ino 257")),
                hang.evidence().toString());
        Signature z = r.signatures().stream().filter(s -> s.kind() == Kind.ZERO_FILLED_GAP).findFirst().orElseThrow();
        assertEquals(gap.line(), z.evidence().get(0));
        assertEquals("generic/708", z.culprit());
        assertEquals(1, r.exitStatus());
    }

    /** A results directory the rig wrote on this host (see rig-controls/SOURCE.txt). */
    @Test
    void resultsTheRigWroteInTheCheckersControls() throws Exception {
        Path results = Path.of(RigResultsTest.class.getResource("/rig/triage/rig-controls/results").toURI());
        TriageResult r = Triage.withDefaults().run(results);
        List<String> fresh = r.signatures().stream().filter(s -> s.status() == Status.NEW).map(Signature::title).toList();
        assertEquals(List.of(), fresh, "check.log's last run passed rig/200-202: their planted findings were declared");
        for (String title : List.of("WARNING in rig_selftest_warning", "zero-filled gap in rig/202")) {
            Signature s = r.signatures().stream().filter(x -> x.title().equals(title)).findFirst().orElseThrow();
            assertEquals(Status.EXPECTED, s.status(), title);
            assertTrue(s.known().subject().startsWith("the run passed the test"), s.known().toString());
        }
        Signature abort = r.signatures().stream().filter(s -> s.title().equals("journal abort in jbd2_journal_abort"))
                .findFirst().orElseThrow();
        assertEquals(Kind.SHUTDOWN, abort.kind());
        assertEquals(Status.EXPECTED, abort.status(), "a journal abort after injected I/O errors is expected");
        assertEquals(List.of("rig/201"), abort.tests());
        assertTrue(r.signatures().stream().noneMatch(s -> s.title().startsWith("INFO: task hung")),
                "rig/201's tasks woke up after the stall: not a hang");
        assertTrue(r.signatures().stream().noneMatch(s -> s.kind() == Kind.TEST_FAILURE),
                "check.log's old 'Failures: generic/250' was superseded by a later run");
        assertEquals(0, r.exitStatus());
    }
}
