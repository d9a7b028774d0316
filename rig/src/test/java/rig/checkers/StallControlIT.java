package rig.checkers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rig.checkers.blocked.BlockedTaskChecker;
import rig.checkers.oe.OrderedExtentChecker;
import rig.devices.own.Registry;
import rig.sys.Exec;

/**
 * Positive controls for the hung ordered extent on the real kernel, without the Java device
 * ({@link StalledBtrfs}: btrfs on a loop over a frozen ext4). The direct write's ordered extent
 * never completes and a syncfs waits: the shape of the generic/276 hang reported
 * with btrfs' "fix corruption caused by partial dio writes" (linux-btrfs, March 2023). The ledger
 * must name the inode and range, the sampler the blocked tasks; after the release everything
 * completes and the next "test" is clean.
 */
class StallControlIT {

    @TempDir
    Path tmp;

    @Test
    void aStalledDirectWriteIsAHungOrderedExtentAndBlockedTasks() throws Exception {
        assumeTrue(StalledBtrfs.available(), "needs root, losetup, mkfs.btrfs, mkfs.ext4, fsfreeze");
        Registry registry = Registry.open(tmp.resolve("state"));
        Path seqres = tmp.resolve("results/rig/902");
        try (StalledBtrfs fs = StalledBtrfs.create(registry); OrderedExtentChecker oe = new OrderedExtentChecker(registry)) {
            BlockedTaskChecker blocked = new BlockedTaskChecker();
            Map<String, String> config = Map.of("TEST_DEV", fs.upper.device, "RIG_BLOCKED_THRESHOLD", "1",
                    "RIG_OE_GRACE", "1");
            ItContext running = new ItContext("rig/902", seqres, config, ItContext.plain(), false);
            oe.start(running);
            blocked.start(running);
            fs.stall();
            CompletableFuture<Exec.Result> dd = StalledBtrfs.background("dd", "if=/dev/zero",
                    "of=" + fs.upper.file("f"), "bs=1M", "count=1", "oflag=direct");
            assertTrue(Await.until(() -> oe.poll(running), () -> !oe.hangEvidence().outstanding().isEmpty()),
                    "the direct write's ordered extent appears in the ledger");
            CompletableFuture<Exec.Result> sync = StalledBtrfs.background("sync", "-f", fs.upper.mnt.toString());
            assertTrue(Await.until(() -> blocked.poll(running), () -> blockedPastThreshold(blocked, "dd")
                    && blockedPastThreshold(blocked, "sync")), "dd and sync are reported blocked: " + blocked.blocked());
            ItContext hung = new ItContext("rig/902", seqres, config, ItContext.plain(), true);
            List<String> oeFindings = oe.finish(hung);
            List<String> blockedFindings = blocked.finish(hung);
            fs.release();
            assertTrue(dd.get(60, TimeUnit.SECONDS).ok(), "dd completes after the release");
            assertTrue(sync.get(60, TimeUnit.SECONDS).ok(), "syncfs completes after the release");
            System.out.println(String.join("\n", oeFindings) + "\n" + String.join("\n", blockedFindings));
            System.out.println(Files.readString(Path.of(seqres + ".oe")));
            System.out.println(Files.readString(Path.of(seqres + ".blocked")));

            assertEquals(1, oeFindings.size(), oeFindings::toString);
            String line = oeFindings.get(0);
            assertTrue(line.matches("hung ordered extent: fs [0-9a-f-]{36} root 5 ino 257 file offset 0 len 1048576 "
                    + "outstanding \\[0, 1048576\\) bytes_left 1048576 flags REGULAR\\|DIRECT, added by dd:\\d+, "
                    + "outstanding \\d+\\.\\d s, .*"), line);
            assertTrue(blockedFindings.stream().anyMatch(f -> f.matches("task dd:\\d+ blocked \\d+ s in __iomap_dio_rw")),
                    blockedFindings::toString);
            assertTrue(blockedFindings.stream().anyMatch(f -> f.matches("task sync:\\d+ blocked \\d+ s in \\w+")),
                    blockedFindings::toString);

            // recovered: the next test on the same filesystem is clean
            oe.close();
            ItContext next = new ItContext("rig/903", tmp.resolve("results/rig/903"), config, ItContext.plain(), false);
            oe.start(next);
            Exec.run(Duration.ofSeconds(60), "dd", "if=/dev/zero", "of=" + fs.upper.file("g"), "bs=1M", "count=1",
                    "oflag=direct").orThrow();
            fs.upper.unmount();
            assertEquals(List.of(), oe.finish(next));
        }
    }

    @Test
    void aStallReleasedBeforeTheEndIsStillAStalledOrderedExtent() throws Exception {
        assumeTrue(StalledBtrfs.available(), "needs root, losetup, mkfs.btrfs, mkfs.ext4, fsfreeze");
        Registry registry = Registry.open(tmp.resolve("state"));
        Path seqres = tmp.resolve("results/rig/904");
        try (StalledBtrfs fs = StalledBtrfs.create(registry); OrderedExtentChecker oe = new OrderedExtentChecker(registry)) {
            Map<String, String> config = Map.of("TEST_DEV", fs.upper.device, "RIG_OE_STALL", "1");
            ItContext ctx = new ItContext("rig/904", seqres, config, ItContext.plain(), false);
            oe.start(ctx);
            fs.stall();
            CompletableFuture<Exec.Result> dd = StalledBtrfs.background("dd", "if=/dev/zero",
                    "of=" + fs.upper.file("f"), "bs=64k", "count=1", "seek=16", "oflag=direct");
            // RIG_OE_STALL=1: poll until the ledger has had the extent outstanding past it, then once more
            assertTrue(Await.until(() -> oe.poll(ctx), () -> oe.outstandingNow().stream().anyMatch(
                    l -> outstandingSeconds(l) > 1.0)), "the stalled extent stays outstanding: " + oe.outstandingNow());
            oe.poll(ctx);
            fs.release();
            assertTrue(dd.get(60, TimeUnit.SECONDS).ok(), "dd completes after the release");
            fs.upper.unmount();
            List<String> findings = oe.finish(ctx);
            assertEquals(1, findings.size(), findings::toString);
            assertTrue(findings.get(0).matches("stalled ordered extent \\(completed later\\): fs [0-9a-f-]{36} root 5 "
                    + "ino 257 file offset 1048576 len 65536 .*added by dd:\\d+, outstanding \\d+\\.\\d s.*"), findings.get(0));
        }
    }

    static boolean blockedPastThreshold(BlockedTaskChecker checker, String comm) {
        return checker.blocked().stream().anyMatch(t -> t.comm().equals(comm) && t.stillBlocked());
    }

    /** "outstanding 12.3 s" of an OrderedExtentChecker.outstandingNow() line. */
    static double outstandingSeconds(String line) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(", outstanding (\\d+\\.\\d+) s").matcher(line);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
