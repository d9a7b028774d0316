package rig.tests.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rig.sys.Exec;

/** What the rig creates is removed on Ctrl-C and SIGTERM (fstests' "Interrupted!"), and by the reaper after a SIGKILL. */
class CleanupIT {

    @TempDir
    Path results;

    @BeforeEach
    void needsRoot() throws Exception {
        Assumptions.assumeTrue(Cli.root(), "needs root");
    }

    /** Starts ./check rig/004 (a test that hangs for 3 s) and returns once it is running. */
    private Process startHangingRun() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Cli.ROOT.resolve("check").toString(), "rig/004");
        pb.directory(Cli.ROOT.toFile());
        pb.environment().put("RIG_SKIP_BUILD", "1");
        pb.environment().put("RESULT_BASE", results.toString());
        pb.redirectError(results.resolveSibling(results.getFileName() + ".stderr").toFile());
        Process p = pb.start();
        StringBuilder seen = new StringBuilder();
        InputStream out = p.getInputStream();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!seen.toString().contains("rig/004") && System.nanoTime() < deadline) {
            int c = out.read();
            if (c < 0) {
                break;
            }
            seen.append((char) c);
        }
        assertTrue(seen.toString().contains("rig/004"), "the run started: " + seen);
        Thread.sleep(1000);
        return p;
    }

    @Test
    void ctrlCRemovesEverythingTheRunCreated() throws Exception {
        Process p = startHangingRun();
        String pid = Long.toString(p.pid());
        assertTrue(Cli.backingOwners().contains(pid), "the run has its backing files");
        Exec.run(Duration.ofSeconds(10), "kill", "-INT", pid).orThrow();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the run ended on SIGINT");
        assertEquals(130, p.exitValue(), "128 + SIGINT");
        assertNothingLeft(pid);
        assertTrue(Files.readString(results.resolve(Cli.SECTION + "/check.log")).contains("Interrupted!"), "check.log says so");
    }

    @Test
    void sigtermEndsTheTestSaysInterruptedAndLeavesNothing() throws Exception {
        Process p = startHangingRun();
        String pid = Long.toString(p.pid());
        Exec.run(Duration.ofSeconds(10), "kill", "-TERM", pid).orThrow();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the run ended on SIGTERM");
        assertEquals(143, p.exitValue(), "128 + SIGTERM");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(out.contains("Ran: rig/004\nInterrupted!\n"), "fstests' summary: " + out);
        assertTrue(Files.readString(results.resolve(Cli.SECTION + "/check.log")).contains("Ran: rig/004\nInterrupted!\n"));
        assertNothingLeft(pid);
    }

    @Test
    void afterSigkillTheReaperRemovesEverythingWithoutAnotherRun() throws Exception {
        Process p = startHangingRun();
        String pid = Long.toString(p.pid());
        p.destroyForcibly();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline && (Cli.backingOwners().contains(pid) || !claimsOf(pid).isEmpty())) {
            Thread.sleep(200);
        }
        assertNothingLeft(pid);
    }

    private static void assertNothingLeft(String pid) throws Exception {
        assertFalse(Cli.backingOwners().contains(pid), "its backing files are gone");
        String mounts = Files.readString(Path.of("/proc/self/mountinfo"));
        assertFalse(mounts.contains("/rig-" + pid + "-"), "its mounts are gone");
        assertFalse(mounts.contains("rig-004-fuse-"), "and the FUSE mount of the test its worker was running");
        assertFalse(Exec.run(Duration.ofSeconds(10), "losetup", "-l").orThrow().stdout().contains("rig-" + pid + "-"),
                "and the loop devices");
        Path instances = Path.of("/sys/kernel/tracing/instances");
        if (Files.isDirectory(instances)) {
            try (var s = Files.list(instances)) {
                assertTrue(s.noneMatch(i -> i.getFileName().toString().startsWith("rig-" + pid + "-")), "and its tracing instances");
            }
        }
        assertEquals(java.util.List.of(), claimsOf(pid), "and its claims");
        // the ITs run one rig at a time: no worker or device server may be left at all
        assertEquals(java.util.List.of(), ProcessHandle.allProcesses().filter(h -> {
            String cmd = cmdline(h);
            return cmd.contains("rig.check.engine.WorkerMain") || cmd.contains("rig.devices.java.DeviceServer")
                    || cmd.contains("rig-" + pid + "-");
        }).map(ProcessHandle::pid).toList(), "and its helper processes");
    }

    private static String cmdline(ProcessHandle h) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(h.pid()), "cmdline")).replace('\0', ' ');
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static java.util.List<String> claimsOf(String pid) throws Exception {
        Path state = Path.of(System.getenv().getOrDefault("RIG_STATE_DIR", "/run/rig"));
        if (!Files.isDirectory(state)) {
            return java.util.List.of();
        }
        try (var s = Files.list(state)) {
            return s.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(pid + "-")).toList();
        }
    }
}
