package rig.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Results directories the rig wrote on this host with its failing controls (see SOURCE.txt beside
 * each): one block per failure, with the kind, culprit and title the failure deserves.
 */
class RealRunsTest {
    @TempDir
    Path tmp;

    private static Path real(String fixture, String file) throws Exception {
        return Path.of(RealRunsTest.class.getResource("/rig/triage/" + fixture + "/results/" + file).toURI());
    }

    /** rig/004's real files without the blocked-task report (as with --no-checkers): a timeout, not a mismatch. */
    @Test
    void aTimeoutWithoutStacksIsATimeoutOfTheTest() throws Exception {
        Path rig = Files.createDirectories(tmp.resolve("results/rig"));
        for (String f : List.of("004.full", "004.out.bad")) {
            Files.copy(real("rig-broken", "rig/" + f), rig.resolve(f));
        }
        TriageResult r = Triage.withDefaults().run(tmp.resolve("results"));
        assertEquals(List.of("timeout in rig/004"), r.signatures().stream().map(Signature::title).toList());
        Signature t = r.signatures().get(0);
        assertEquals(Kind.TIMEOUT, t.kind());
        assertEquals("rig/004", t.culprit());
        assertTrue(t.evidence().get(0).startsWith("rig: timed out after 3s"), t.evidence().toString());
    }

    /**
     * The hang path's failure message in result.xml ("failed, hung: task ... in FN; ordered extent ... outstanding
     * (timed out after 20s)", rig.check.hang.HangWatch on the hangs branch) names the culprit when no stacks were kept,
     * and gives way to the stacks of NNN.blocked when they were.
     */
    @Test
    void theRunnersHangMessageNamesTheCulpritUnlessTheStacksDo() throws Exception {
        String xml = Files.readString(real("rig-broken", "result.xml")).replace(
                "<failure message=\"failed, timed out after 20s\"",
                "<failure message=\"failed, hung: task dd:4567 blocked 16 s in btrfs_wait_ordered_extents; ordered extent"
                        + " root 5 ino 257 [0, 1048576) outstanding (timed out after 20s)\"");
        Path results = Files.createDirectories(tmp.resolve("results/rig")).getParent();
        Files.writeString(results.resolve("result.xml"), xml);
        Files.copy(real("rig-broken", "rig/203.out.bad"), results.resolve("rig/203.out.bad"));
        Signature byMessage = only(Triage.withDefaults().run(results), "rig/203", Status.NEW);
        assertEquals("INFO: task hung in btrfs_wait_ordered_extents", byMessage.title());
        assertEquals(Kind.HUNG_ORDERED_EXTENT, byMessage.kind());

        Files.copy(real("rig-broken", "rig/203.blocked"), results.resolve("rig/203.blocked"));
        Signature byStacks = only(Triage.withDefaults().run(results), "rig/203", Status.NEW);
        assertEquals("INFO: task hung in __iomap_dio_rw", byStacks.title());
        assertEquals(Kind.HUNG_ORDERED_EXTENT, byStacks.kind());
        assertTrue(byStacks.evidence().stream().anyMatch(e -> e.startsWith("failed, hung: task dd:4567")),
                byStacks.evidence().toString());
    }

    private static TriageResult triage(String fixture) throws Exception {
        Path results = Path.of(RealRunsTest.class.getResource("/rig/triage/" + fixture + "/results").toURI());
        return Triage.withDefaults().run(results);
    }

    private static Signature only(TriageResult r, String test, Status status) {
        List<Signature> s = r.signatures().stream().filter(x -> x.status() == status && x.tests().contains(test)).toList();
        assertEquals(1, s.size(), test + ": " + s.stream().map(Signature::title).toList());
        return s.get(0);
    }

    @Test
    void brokenControlsGiveOneNewBlockPerFailedTest() throws Exception {
        TriageResult r = triage("rig-broken");

        Signature mismatch = only(r, "rig/002", Status.NEW);
        assertEquals("output mismatch in rig/002", mismatch.title());
        assertEquals(Kind.OUTPUT_MISMATCH, mismatch.kind());
        assertEquals("rig/002", mismatch.culprit());
        assertTrue(mismatch.evidence().contains("this line differs from 002.out on purpose"), mismatch.evidence().toString());

        // timed out: the partial .out.bad is no output mismatch; the blocked task's stack names the culprit
        Signature fuse = only(r, "rig/004", Status.NEW);
        assertEquals("INFO: task hung in fuse_get_req", fuse.title());
        assertEquals(Kind.HUNG_TASK, fuse.kind());
        assertTrue(fuse.evidence().contains("failed, timed out after 3s"), fuse.evidence().toString());

        Signature held = only(r, "rig/005", Status.NEW);
        assertEquals("INFO: task hung in submit_bio_wait", held.title());
        assertEquals("submit_bio_wait", held.culprit());

        Signature dropped = only(r, "rig/101", Status.NEW);
        assertEquals("output mismatch in rig/101", dropped.title());
        assertTrue(dropped.evidence().stream().anyMatch(e -> e.startsWith("src and dst differ")), dropped.evidence().toString());

        // the stall: dd blocked in the direct write, the ledger's ordered extent outstanding: one block
        Signature stall = only(r, "rig/203", Status.NEW);
        assertEquals("INFO: task hung in __iomap_dio_rw", stall.title());
        assertEquals(Kind.HUNG_ORDERED_EXTENT, stall.kind());
        assertEquals("__iomap_dio_rw", stall.culprit());
        assertEquals(Status.NEW, stall.status());
        assertTrue(stall.evidence().stream().anyMatch(e -> e.startsWith("hung ordered extent: fs ")), stall.evidence().toString());
        assertTrue(r.signatures().stream().noneMatch(s -> s.kind() == Kind.OUTPUT_MISMATCH && s.tests().contains("rig/203")));
        assertTrue(r.signatures().stream().noneMatch(s -> s.kind() == Kind.TIMEOUT), "every timeout has a blocked task");

        // 203.dmesg holds another run's rig/100 (its markers) failing checksums on loop4: not rig/203's
        Signature csum = r.signatures().stream().filter(s -> s.kind() == Kind.CHECKSUM).findFirst().orElseThrow();
        assertEquals(List.of("rig/100"), csum.tests());
        assertEquals(Status.EXPECTED, csum.status(), "our rig/100 passed: its csum failures were declared");
        assertTrue(r.signatures().stream().filter(s -> s.tests().contains("rig/203"))
                .flatMap(s -> s.evidence().stream()).noneMatch(e -> e.contains("loop4")));

        assertEquals("not run in rig/003", only(r, "rig/003", Status.EXPECTED).title());
        Signature planted = r.signatures().stream().filter(s -> s.title().equals("WARNING in rig_selftest_warning"))
                .findFirst().orElseThrow();
        assertEquals(Status.EXPECTED, planted.status(), "rig/200 passed: its WARNING was declared");
        assertEquals(1, r.exitStatus());
    }

    /** The runner's hang path (HangWatch, HangRecovery) on the real failing controls. */
    @Test
    void hangPathMessagesGiveOneHangBlockPerTest() throws Exception {
        TriageResult r = triage("rig-hang-path");
        Signature fuse = only(r, "rig/004", Status.NEW);
        assertEquals("INFO: task hung in fuse_get_req", fuse.title());
        assertEquals(Kind.HUNG_TASK, fuse.kind());
        assertTrue(fuse.evidence().stream().anyMatch(e -> e.startsWith("failed, hung: task rig-004-hang:")), fuse.evidence().toString());
        assertEquals("INFO: task hung in submit_bio_wait", only(r, "rig/005", Status.NEW).title());
        Signature stall = only(r, "rig/203", Status.NEW);
        assertEquals("INFO: task hung in __iomap_dio_rw", stall.title());
        assertEquals(Kind.HUNG_ORDERED_EXTENT, stall.kind());
        assertTrue(stall.evidence().stream().anyMatch(e -> e.startsWith("rig: progress stopped after 16 s")), stall.evidence().toString());
        assertTrue(r.signatures().stream().noneMatch(s -> s.kind() == Kind.TIMEOUT || (s.kind() == Kind.OUTPUT_MISMATCH
                && !s.tests().equals(List.of("rig/002")) && !s.tests().equals(List.of("rig/101")))));
        Signature control = r.signatures().stream().filter(s -> s.tests().equals(List.of("rig/204"))).findFirst().orElseThrow();
        assertEquals(Status.EXPECTED, control.status(), "rig/204 expects its hang and passed");
        assertEquals(Kind.HUNG_ORDERED_EXTENT, control.kind());
    }

    @Test
    void theSameFailureInTwoSectionsIsOneSignatureWithTwoConfigurations() throws Exception {
        TriageResult r = triage("two-sections");
        List<Signature> fresh = r.signatures().stream().filter(s -> s.status() == Status.NEW).toList();
        assertEquals(List.of("INFO: task hung in __iomap_dio_rw", "INFO: task hung in fuse_get_req", "output mismatch in rig/002"),
                fresh.stream().map(Signature::title).sorted().toList());
        for (Signature s : fresh) {
            assertEquals(List.of("btrfs", "btrfs_nodatasum"), s.configurations(), s.title());
            assertEquals(2, s.count(), s.title());
        }
        // the runner's message names a different kworker per section; the stacks name the same culprit in both
        Signature stall = fresh.stream().filter(s -> s.tests().equals(List.of("rig/203"))).findFirst().orElseThrow();
        assertEquals(Kind.HUNG_ORDERED_EXTENT, stall.kind());
        assertEquals("__iomap_dio_rw", stall.culprit());
    }
}
