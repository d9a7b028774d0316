package rig.fstest.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import rig.sys.Exec;

/**
 * Black box: the packaged ./check runs the deliberately broken generic/708 (rig/101: the device
 * drops writes during the copy). It must fail with exit status 1, and its .out.bad must show
 * where src and dst differ. rig/100, the selftest form of the same control, must pass. Runs
 * ./check's default configuration, or the one $HOST_OPTIONS names; skipped where the scratch
 * device cannot drop writes.
 */
class BrokenVariantIT {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    @Test
    void droppedWritesDuringTheCopyFailGeneric708WithTheDifference() throws Exception {
        assumeTrue(Files.isExecutable(ROOT.resolve("check")), "no ./check in " + ROOT);
        Path results = Files.createTempDirectory("rig-testapi-check");
        Exec.Result r = check(results, "rig/101");
        assumeTrue(!r.stdout().contains("[not run]"), "rig/101 not run here: " + r.stdout().lines()
                .filter(l -> l.contains("[not run]")).findFirst().orElse(""));
        assertEquals(1, r.exitCode(), "./check rig/101 must fail:\n" + r.output());
        Path bad = find(results, "101.out.bad");
        String text = Files.readString(bad);
        assertTrue(text.startsWith("QA output created by 101\nSilence is golden\n"), text);
        String diff = text.lines().skip(2).findFirst().orElse("");
        assertTrue(diff.matches("Binary files \\S+dio-buf-fault.src and \\S+dio-buf-fault.dst differ")
                || diff.matches("diff: \\S+dio-buf-fault.dst: Input/output error"), "diff(1) tells the lost copy: " + text);
        assertTrue(r.stdout().contains("rig/101") && r.stdout().contains("- output mismatch"), r.stdout());

        Exec.Result control = check(results, "rig/100");
        assertEquals(0, control.exitCode(), "./check rig/100 (the selftest) must pass:\n" + control.output());
        assertTrue(control.stdout().contains("Passed all 1 tests") || control.stdout().contains("Passed 1 of 1"),
                control.stdout());
    }

    /**
     * rig/102 and rig/103 are generic/250 and generic/276 on a device that acknowledges and drops
     * the write they expect to fail: both must fail, and the gap checker must name the acknowledged
     * bytes of file2 that never reached the disk (276's transcript cannot: it deletes file2 unread).
     */
    @Test
    void aDeviceThatLiesAboutTheFailingWriteFailsGeneric250And276() throws Exception {
        assumeTrue(Files.isExecutable(ROOT.resolve("check")), "no ./check in " + ROOT);
        Path results = Files.createTempDirectory("rig-testapi-check");
        for (String test : List.of("rig/102", "rig/103")) {
            Exec.Result r = check(results, test);
            assumeTrue(!r.stdout().contains("[not run]"), test + " not run here: " + r.stdout());
            assertEquals(1, r.exitCode(), "./check " + test + " must fail:\n" + r.output());
            String full = Files.readString(find(results, test.substring(4) + ".full"));
            assertTrue(full.lines().anyMatch(l -> l.matches("checker finding: gaps: (zero-filled gap|stale data|wrong data"
                    + "|unreadable data \\(read error\\)) at \\[\\d+, \\d+\\) in file2: .*")), full);
        }
        String bad = Files.readString(find(results, "103.out.bad"));
        assertEquals(Files.readString(ROOT.resolve("tests/src/main/java/rig/tests/rig/103.out")), bad,
                "276's transcript is golden: only the checker can tell");
    }

    /**
     * rig/301 is rig/300 (O_DSYNC direct writes, then a power cut) on a disk that acknowledges
     * flushes without making its cache durable: the gap checker must name the lost bytes, while
     * rig/300 on the honest disk passes.
     */
    @Test
    void aDiskThatDropsFlushesLosesODsyncWritesAndTheGapCheckerSaysWhere() throws Exception {
        assumeTrue(Files.isExecutable(ROOT.resolve("check")), "no ./check in " + ROOT);
        Exec.Result honest = check(Files.createTempDirectory("rig-testapi-check"), "rig/300");
        assertEquals(0, honest.exitCode(), "./check rig/300 must pass:\n" + honest.output());
        Exec.Result r = mustFail("rig/301");
        assertTrue(r.stdout().lines().anyMatch(l -> l.matches("rig/301 +\\[checker found gaps: (missing data \\(beyond EOF\\)"
                + "|zero-filled gap|stale data|wrong data) at \\[\\d+, \\d+\\) in dsync: .*")), r.stdout());
    }

    /** rig/331 is rig/330 on a device that stops completing writes: the runner must end it as hung and name the waiter. */
    @Test
    void aDeviceThatStopsAnsweringHangsRig330AndTheRunnerNamesTheWaiter() throws Exception {
        Exec.Result r = mustFail("rig/331");
        assertTrue(r.stdout().lines().anyMatch(l -> l.matches("rig/331 +\\[failed, hung: task \\S+ blocked \\d+ s in \\w+.*")),
                r.stdout());
    }

    /** rig/341 is rig/340 with one mirror block overwritten behind btrfs' back: the comparison must name it. */
    @Test
    void aMirrorChangedBehindTheFilesystemsBackFailsRig340NamingTheBlock() throws Exception {
        Exec.Result r = mustFail("rig/341");
        assertTrue(r.stdout().contains("    +mirrors differ at file offset 0 (4096 bytes): devid 1 physical "), r.stdout());
    }

    /** rig/315, 313 and 314 are rig/310, 311 and 312 on a device that drops the direct write: each comparison must say so. */
    @Test
    void aDeviceThatDropsThePartialDirectWritesFailsRig310To312() throws Exception {
        for (String test : List.of("rig/315", "rig/313")) {
            Exec.Result copy = mustFail(test);
            assertTrue(copy.stdout().contains("    +dst differs from src: "), copy.stdout());
        }
        Exec.Result overlap = mustFail("rig/314");
        assertTrue(overlap.stdout().lines().anyMatch(l -> l.matches(
                " +\\+page \\d+ \\(offset \\d+\\) holds 0x\\p{XDigit}{2}, expected a whole page of .*")), overlap.stdout());
    }

    /** rig/321 is rig/320 with a lie where the error table goes: the copy succeeds and the gap checker names what was lost. */
    @Test
    void aLyingErrorTableFailsRig320AndTheGapCheckerNamesTheCopy() throws Exception {
        Path results = Files.createTempDirectory("rig-testapi-check");
        Exec.Result r = mustFail(results, "rig/321", Map.of());
        String full = Files.readString(find(results, "321.full"));
        assertTrue(full.lines().anyMatch(l -> l.matches("checker finding: gaps: (zero-filled gap|stale data|wrong data"
                + "|unreadable data \\(read error\\)) at \\[\\d+, \\d+\\) in dio-buf-fault.dst: .*")), full);
    }

    /**
     * rig/350 (the seeded stress with cache dropping) passes on xfs, the seed's filesystem; rig/351,
     * whose verifier is told other bytes for one write, must fail naming the file and the range.
     */
    @Test
    void theStressVerifierCatchesContentItWasNotToldOnXfs() throws Exception {
        assumeTrue(Files.isExecutable(ROOT.resolve("check")), "no ./check in " + ROOT);
        Map<String, String> xfs = Map.of("FSTYP", "xfs");
        Exec.Result honest = check(Files.createTempDirectory("rig-testapi-check"), "rig/350", xfs);
        assertEquals(0, honest.exitCode(), "FSTYP=xfs ./check rig/350 must pass:\n" + honest.output());
        Exec.Result r = mustFail(Files.createTempDirectory("rig-testapi-check"), "rig/351", xfs);
        assertTrue(r.stdout().lines().anyMatch(l -> l.matches(
                " +\\+t0\\.f\\d: \\[\\d+, \\d+\\) holds 0x\\p{XDigit}{2} where the workload left 0x\\p{XDigit}{2}")), r.stdout());
    }

    /** ./check of a broken variant in fresh results: it must fail (exit 1); skipped with the reason when not run here. */
    private static Exec.Result mustFail(String test) throws Exception {
        return mustFail(Files.createTempDirectory("rig-testapi-check"), test, Map.of());
    }

    private static Exec.Result mustFail(Path results, String test, Map<String, String> env) throws Exception {
        assumeTrue(Files.isExecutable(ROOT.resolve("check")), "no ./check in " + ROOT);
        Exec.Result r = check(results, test, env);
        assumeTrue(!r.stdout().contains("[not run]"), test + " not run here: " + r.stdout());
        assertEquals(1, r.exitCode(), "./check " + test + " must fail:\n" + r.output());
        return r;
    }

    private static Exec.Result check(Path results, String test) throws Exception {
        return check(results, test, Map.of());
    }

    /** ./check TEST in the btrfs section, or with {@code env}'s FSTYP alone (the section named after it). */
    private static Exec.Result check(Path results, String test, Map<String, String> env) throws Exception {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("RIG_SKIP_BUILD", "1");
        all.put("RESULT_BASE", results.toString());
        List<String> command = env.containsKey("FSTYP") ? List.of("./check", test) : List.of("./check", "-s", "btrfs", test);
        return Exec.run(Duration.ofMinutes(10), ROOT, all, command);
    }

    private static Path find(Path dir, String name) throws Exception {
        try (var walk = Files.walk(dir)) {
            return walk.filter(p -> p.getFileName().toString().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + name + " under " + dir));
        }
    }
}
