package rig.tests.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rig.sys.Exec;

/** What the rig creates is removed on Ctrl-C, and swept at the next start after a SIGKILL. */
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
        assertFalse(Cli.backingOwners().contains(pid), "its backing files are gone");
        String mounts = Files.readString(Path.of("/proc/self/mountinfo"));
        assertFalse(mounts.contains("/rig-" + pid + "-"), "its mounts are gone");
        assertFalse(mounts.contains("rig-004-fuse-"), "and the FUSE mount of the test its worker was running");
    }

    @Test
    void afterSigkillTheNextRunSweepsTheOrphans() throws Exception {
        Process p = startHangingRun();
        String pid = Long.toString(p.pid());
        p.destroyForcibly();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertTrue(Cli.backingOwners().contains(pid), "a SIGKILLed run leaves its backing files");

        Exec.Result next = Cli.check(results, Map.of(), "rig/003");
        assertEquals(0, next.exitCode(), Cli.describe(next));
        assertFalse(Cli.backingOwners().contains(pid), "the next run swept them:\n" + next.stderr());
        String mounts = Files.readString(Path.of("/proc/self/mountinfo"));
        assertFalse(mounts.contains("/rig-" + pid + "-"), "and the mounts");
        assertFalse(new String(Exec.run(Duration.ofSeconds(10), "losetup", "-l").orThrow().stdout()
                .getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).contains("rig-" + pid + "-"), "and the loop devices");
    }
}
