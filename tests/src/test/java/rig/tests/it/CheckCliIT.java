package rig.tests.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import rig.sys.Exec;

/** The packaged ./check against the real kernel, with the embedded default devices. */
class CheckCliIT {

    @TempDir
    Path results;

    @BeforeEach
    void needsRoot() throws Exception {
        Assumptions.assumeTrue(Cli.root(), "./check creates loop devices and mounts: run the ITs as root");
    }

    /** The embedded default runs [btrfs] and [btrfs_nodatasum], each with its results tree as fstests lays it out. */
    @Test
    void smokeTestPassesAndWritesResultsCheckLogCheckTimeAndXunit() throws Exception {
        List<String> ownersBefore = Cli.backingOwners();
        Exec.Result r = Cli.checkAsIs(results, Map.of(), "-R", "xunit", "rig/001");
        assertEquals(0, r.exitCode(), Cli.describe(r));
        assertTrue(r.stdout().contains("SECTION       -- btrfs\nFSTYP         -- btrfs\n"), r.stdout());
        assertTrue(r.stdout().contains("SECTION       -- btrfs_nodatasum\nFSTYP         -- btrfs\n"), r.stdout());
        assertTrue(r.stdout().contains("MOUNT_OPTIONS -- -o nodatasum "), r.stdout());
        assertTrue(r.stdout().lines().anyMatch(l -> l.matches("rig/001 +\\d+s")), r.stdout());
        assertEquals(2, r.stdout().lines().filter(l -> l.equals("Passed all 1 tests")).count(), r.stdout());
        for (String section : List.of("btrfs", "btrfs_nodatasum")) {
            Path dir = results.resolve(section);
            List<String> log = Files.readAllLines(dir.resolve("check.log"));
            assertEquals("", log.get(0), "_wrapup's _global_log starts with an empty line");
            assertTrue(log.get(1).startsWith("Kernel version: "), log.toString());
            assertTrue(log.get(2).matches("\\w{3} \\w{3} [ 1-3]\\d \\d\\d:\\d\\d:\\d\\d \\S+ \\d{4}"), "date(1): " + log);
            assertEquals(List.of("Ran: rig/001", "Passed all 1 tests"), log.subList(3, 5));
            assertTrue(Files.readString(dir.resolve("check.time")).matches("rig/001 \\d+\n"));
            assertFalse(Files.exists(dir.resolve("rig/001.out.bad")), "a passing test leaves no .out.bad");
            assertFalse(Files.exists(dir.resolve("rig/001.dmesg")), "a passing test keeps no .dmesg (KEEP_DMESG unset)");
            Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(dir.resolve("result.xml").toFile()).getDocumentElement();
            assertEquals("1", suite.getAttribute("tests"));
            assertEquals("0", suite.getAttribute("failures"));
            Element testcase = (Element) suite.getElementsByTagName("testcase").item(0);
            assertEquals("rig/001", testcase.getAttribute("name"));
            assertEquals("xfstests." + section, testcase.getAttribute("classname"));
            assertTrue(testcase.getAttribute("time").matches("\\d+"), "time in seconds");
            assertConsumersCanRead(suite, section);
        }
        List<String> ownersAfter = Cli.backingOwners();
        assertTrue(ownersBefore.containsAll(ownersAfter), "the run removed its backing files: " + ownersBefore + " " + ownersAfter);

        Exec.Result again = Cli.check(results, Map.of("KEEP_DMESG", "yes"), "rig/001");
        assertTrue(again.stdout().lines().anyMatch(l -> l.matches("rig/001 \\d+s \\.\\.\\.  \\d+s")),
                "the second run shows the previous time from check.time:\n" + again.stdout());
        assertTrue(Files.exists(results.resolve(Cli.SECTION + "/rig/001.dmesg")), "KEEP_DMESG=yes keeps it");
    }

    /**
     * What fstests' result.xml consumers read (common/report's writer, junitparser as xfstests-bld's
     * gen_results_summary uses it): the testsuite's counts and stamps, fstests' schema location,
     * properties as name/value pairs with common/report's names, and TESTCFG, the configuration label.
     */
    private static void assertConsumersCanRead(Element suite, String section) {
        assertEquals("testsuite", suite.getTagName());
        assertEquals("xfstests", suite.getAttribute("name"));
        for (String a : List.of("failures", "skipped", "tests", "time")) {
            assertTrue(suite.getAttribute(a).matches("\\d+"), a + "=" + suite.getAttribute(a));
        }
        for (String a : List.of("start_timestamp", "timestamp", "report_timestamp")) {
            assertTrue(suite.getAttribute(a).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d"),
                    a + " as date -Iseconds: " + suite.getAttribute(a));
        }
        assertTrue(suite.getAttribute("xsi:schemaLocation").endsWith("xfstests-dev.git/tree/doc/xunit.xsd"),
                suite.getAttribute("xsi:schemaLocation"));
        java.util.Map<String, String> props = new java.util.LinkedHashMap<>();
        var list = suite.getElementsByTagName("property");
        for (int i = 0; i < list.getLength(); i++) {
            Element p = (Element) list.item(i);
            props.put(p.getAttribute("name"), p.getAttribute("value"));
        }
        for (String name : List.of("ARCH", "KERNEL", "CPUS", "MEM_KB", "FSTYP", "PLATFORM", "SECTION", "TIME_FACTOR",
                "LOAD_FACTOR", "TEST_DEV", "TEST_DIR", "SCRATCH_DEV", "SCRATCH_MNT", "SCRATCH_DEV_SIZE_KB", "TESTCFG")) {
            assertTrue(props.containsKey(name) && !props.get(name).isEmpty(), name + " in " + props);
        }
        assertEquals(section, props.get("TESTCFG"));
        assertEquals(props.keySet().stream().sorted().toList(), List.copyOf(props.keySet()), "sorted as common/report sorts");
    }

    @Test
    void theScratchDeviceServedByTheRunnerPassesTheSmokeTest() throws Exception {
        Exec.Result r = Cli.check(results, Map.of("RIG_SCRATCH_SERVER", "runner"), "-R", "xunit", "rig/001");
        assertEquals(0, r.exitCode(), Cli.describe(r));
        assertTrue(r.stdout().contains("Passed all 1 tests"), r.stdout());
        assertTrue(Files.readString(results.resolve(Cli.SECTION + "/result.xml")).contains("served by the runner"),
                "SCRATCH_DEV_BACKING names the runner as the server");
    }

    @Test
    void aDifferingTranscriptFailsWithOutBadAndTheDiff() throws Exception {
        Exec.Result r = Cli.check(results, Map.of(), "-R", "xunit-quiet", "rig/002");
        assertEquals(1, r.exitCode(), Cli.describe(r));
        Path bad = results.resolve(Cli.SECTION + "/rig/002.out.bad");
        assertTrue(r.stdout().contains("rig/002       - output mismatch (see " + bad + ")"), r.stdout());
        assertTrue(r.stdout().contains("    -this is the line the golden output expects"), r.stdout());
        assertTrue(r.stdout().contains("    +this line differs from 002.out on purpose"), r.stdout());
        assertTrue(r.stdout().contains("to see the entire diff)"), r.stdout());
        assertTrue(r.stdout().contains("Failed 1 of 1 tests"), r.stdout());
        assertEquals(List.of("QA output created by 002", "this line matches", "this line differs from 002.out on purpose"),
                Files.readAllLines(bad));
        Element testcase = (Element) DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(results.resolve(Cli.SECTION + "/result.xml").toFile()).getDocumentElement().getElementsByTagName("testcase").item(0);
        Element failure = (Element) testcase.getElementsByTagName("failure").item(0);
        assertEquals("TestFail", failure.getAttribute("type"));
        assertEquals("- output mismatch (see " + bad + ")", failure.getAttribute("message"), "as _dump_err sets _err_msg");
        assertEquals(0, testcase.getElementsByTagName("system-err").getLength(), "-R xunit-quiet embeds no diff");
    }

    @Test
    void anUnmetRequirementIsNotRunWithItsReason() throws Exception {
        Exec.Result r = Cli.check(results, Map.of(), "rig/003");
        assertEquals(0, r.exitCode(), Cli.describe(r));
        assertTrue(r.stdout().contains("rig/003       [not run] rig-selftest-no-such-command not found"), r.stdout());
        assertTrue(r.stdout().contains("Not run: rig/003"), r.stdout());
        assertEquals("rig-selftest-no-such-command not found\n", Files.readString(results.resolve(Cli.SECTION + "/rig/003.notrun")));
    }

    @Test
    void aTestAsleepInTheKernelTimesOutAndTheRunGoesOn() throws Exception {
        long t0 = System.nanoTime();
        Exec.Result r = Cli.check(results, Map.of(), "--exact-order", "rig/004", "rig/001");
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        assertEquals(1, r.exitCode(), Cli.describe(r));
        // the runner names the task asleep in the kernel and where it waits (HangRecovery, HangWatch.culprit)
        assertTrue(r.stdout().lines().anyMatch(l -> l.matches("rig/004 {7}\\[failed, hung: task \\S+ blocked \\d+ s in \\S+"
                + " \\(timed out after 3s\\)\\]")), r.stdout());
        assertTrue(r.stdout().lines().anyMatch(l -> l.matches("rig/001 .*\\d+s")), "the run went on:\n" + r.stdout());
        assertTrue(r.stdout().contains("Failures: rig/004"), r.stdout());
        assertTrue(seconds < 60, "took " + seconds + " s");
        assertFalse(Files.readString(Path.of("/proc/self/mountinfo")).contains("rig-004-fuse-"),
                "the hung test's FUSE mount was swept");
        assertTrue(Files.readString(results.resolve(Cli.SECTION + "/rig/004.out.bad")).contains("never answers"),
                "the transcript so far is kept");
    }

    @Test
    void aHungTestsStackedMountsOnScratchAreAllDetachedAndTheRunGoesOn() throws Exception {
        Exec.Result r = Cli.check(results, Map.of(), "--exact-order", "rig/006", "rig/001");
        assertEquals(1, r.exitCode(), "a failed test, not a lost host (4):\n" + Cli.describe(r));
        assertTrue(r.stdout().contains("rig/006       [failed, timed out after 3s]"), r.stdout());
        assertTrue(r.stdout().lines().anyMatch(l -> l.matches("rig/001 .*\\d+s")), "the run went on:\n" + r.stdout());
        String full = Files.readString(results.resolve(Cli.SECTION + "/rig/006.full"));
        assertTrue(full.contains("recovered: worker gone, nothing mounted from SCRATCH"), full);
        assertFalse(full.contains("aborted the SCRATCH device"), "three lazy unmounts free the device, no abort:\n" + full);
        assertFalse(Files.readString(Path.of("/proc/self/mountinfo")).contains("rig-006-over"), "no tmpfs of rig/006 left");
    }

    @Test
    void aTestSigkillCannotEndIsUnstuckByAbortingTheDeviceAndTheRunGoesOn() throws Exception {
        Exec.Result r = Cli.check(results, Map.of(), "--exact-order", "rig/005", "rig/001");
        assertEquals(1, r.exitCode(), Cli.describe(r));
        // the runner names the task asleep in the kernel and where it waits (HangRecovery, HangWatch.culprit)
        assertTrue(r.stdout().lines().anyMatch(l -> l.matches("rig/005 {7}\\[failed, hung: task \\S+ blocked \\d+ s in \\S+"
                + " \\(timed out after 3s\\)\\]")), r.stdout());
        assertTrue(r.stdout().lines().anyMatch(l -> l.matches("rig/001 .*\\d+s")), "the rebuilt scratch works:\n" + r.stdout());
        String full = Files.readString(results.resolve(Cli.SECTION + "/rig/005.full"));
        assertTrue(full.contains("did not exit within 2 s of SIGKILL"), full);
        assertTrue(full.contains("aborted the SCRATCH device")
                || full.contains("released 1 stalled request(s)") && full.contains("exited once the stalls were released"), full);
    }

    @Test
    void loopIterateDumpBriefAndTimestampOptions() throws Exception {
        Map<String, String> loop = Map.of("RIG_SCRATCH_BACKEND", "loop");
        Exec.Result l = Cli.check(results, loop, "-L", "2", "rig/002");
        assertEquals(1, l.exitCode(), Cli.describe(l));
        assertTrue(l.stdout().contains("rig/002 aggregate results across 3 runs: pass=0 (0.0%), fail=3 (100.0%)"), l.stdout());

        Exec.Result i = Cli.check(results, loop, "-I", "3", "rig/002");
        assertEquals(1, i.exitCode(), Cli.describe(i));
        assertEquals(1, i.stdout().lines().filter(x -> x.startsWith("rig/002 ")).count(), "-I stops at the first failure:\n" + i.stdout());

        Exec.Result d = Cli.check(results, loop, "-d", "-b", "-T", "-i", "2", "rig/003", "rig/002");
        assertEquals(1, d.exitCode(), Cli.describe(d));
        assertTrue(d.stdout().contains("this line differs from 002.out on purpose\n"), "-d dumps the transcript:\n" + d.stdout());
        assertTrue(!d.stdout().contains("Ran:") && d.stdout().contains("Failures: rig/002"), "-b is brief:\n" + d.stdout());
        assertTrue(d.stdout().lines().anyMatch(x -> x.matches("rig/00[23] .*\\[\\d\\d:\\d\\d:\\d\\d].*")), "-T stamps:\n" + d.stdout());
        assertEquals(2, d.stdout().lines().filter(x -> x.startsWith("rig/003 ")).count(), "-i 2 runs twice:\n" + d.stdout());
        assertEquals(4, Files.readString(results.resolve(Cli.SECTION + "/check.log")).lines().filter(x -> x.startsWith("Failures:")).count(),
                "check.log is appended once per pass: -L (1), -I (1), -i 2 (2)");
    }

    @Test
    void sectionsWithoutDevicesEachGetRigOwnedDevicesOfTheirFstyp() throws Exception {
        Path cfg = Files.writeString(results.resolveSibling(results.getFileName() + ".config"),
                "# a filesystem matrix on rig-owned devices\n[btrfs]\nFSTYP=btrfs\n[ext4]\nFSTYP=ext4\n");
        try {
            Exec.Result r = Cli.check(results, Map.of("HOST_OPTIONS", cfg.toString(), "RIG_SCRATCH_BACKEND", "loop"), "rig/001");
            assertEquals(0, r.exitCode(), Cli.describe(r));
            assertTrue(r.stdout().contains("SECTION       -- btrfs\nFSTYP         -- btrfs\n"), r.stdout());
            assertTrue(r.stdout().contains("SECTION       -- ext4\nFSTYP         -- ext4\n"), r.stdout());
            for (String section : List.of("btrfs", "ext4")) {
                assertTrue(Files.readString(results.resolve(section + "/check.log")).contains("Passed all 1 tests"), section);
            }
        } finally {
            Files.deleteIfExists(cfg);
        }
    }

    @Test
    void dryRunListsGroupAutoWithoutSelfTests() throws Exception {
        Exec.Result r = Cli.check(results, Map.of(), "-n", "-g", "auto");
        assertEquals(0, r.exitCode(), Cli.describe(r));
        assertTrue(r.stdout().lines().toList().contains("rig/001"), r.stdout());
        assertFalse(r.stdout().contains("rig/002"), r.stdout());
        Exec.Result all = Cli.check(results, Map.of(), "-n", "-g", "all", "-e", "rig/003");
        assertTrue(all.stdout().contains("rig/002") && all.stdout().contains("rig/003 [expunged]"), all.stdout());
    }

    @Test
    void usageErrorsAreOneLineAndExitTwo() throws Exception {
        for (String[] args : List.of(new String[] {"generic/99999"}, new String[] {"-g", "nosuchgroup"},
                new String[] {"--nosuchoption"}, new String[] {"-s", "nosuchsection", "rig/001"})) {
            Exec.Result r = Cli.check(results, Map.of(), args);
            assertEquals(2, r.exitCode(), String.join(" ", args) + "\n" + Cli.describe(r));
            assertEquals(1, r.stderr().strip().lines().count(), Cli.describe(r));
            assertTrue(r.stderr().startsWith("check: "), r.stderr());
        }
        for (String env : List.of("RIG_SCRATCH_SERVER", "RIG_SCRATCH_BACKEND", "RIG_FSCK_TEST", "RIG_BLOCKED_THRESHOLD",
                "RIG_OE_BUFFER_KB")) {
            Exec.Result r = Cli.check(results, Map.of(env, "bogus"), "rig/001");
            assertEquals(2, r.exitCode(), env + "=bogus\n" + Cli.describe(r));
            assertEquals(1, r.stderr().strip().lines().count(), Cli.describe(r));
            assertTrue(r.stderr().strip().matches("check: " + env + "=bogus is not .*; set it to e\\.g\\. \\w+ \\(.*\\)"),
                    Cli.describe(r));
        }
    }

    @Test
    void withoutRootItSaysSoInOneLineAndExitsTwo() throws Exception {
        Assumptions.assumeTrue(Exec.onPath("unshare"), "unshare (util-linux) runs ./check as an unprivileged user");
        Exec.Result r = Exec.run(java.time.Duration.ofMinutes(1), Cli.ROOT,
                Map.of("RIG_SKIP_BUILD", "1", "RESULT_BASE", results.toString()),
                List.of("unshare", "--user", Cli.ROOT.resolve("check").toString(), "rig/001"));
        assertEquals(2, r.exitCode(), Cli.describe(r));
        assertEquals("check: rig needs root (it creates loop devices and mounts filesystems): run it as root, e.g. sudo ./check",
                r.stderr().strip());
    }
}
