package rig.checkers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * Positive control for the hung ordered extent, on the real kernel and without the Java device:
 * btrfs (nodatasum, so O_DIRECT stays direct on 6.18) on a loop device whose backing file lives
 * on an ext4 filesystem that is frozen. The loop worker's write blocks on the frozen ext4, so
 * the direct write's ordered extent never completes and a syncfs waits for it: the shape of
 * the generic/276 hang in seed 000. The ledger must name the inode and range, the sampler the
 * blocked tasks; after the thaw everything completes and a next "test" is clean.
 */
class StallControlIT {

    @TempDir
    Path tmp;

    @Test
    void aStalledDirectWriteIsAHungOrderedExtentAndBlockedTasks() throws Exception {
        assumeTrue(LoopFs.available("btrfs") && LoopFs.available("ext4") && Exec.onPath("fsfreeze"),
                "needs root, losetup, mkfs.btrfs, mkfs.ext4, fsfreeze");
        Registry registry = Registry.open(tmp.resolve("state"));
        Path seqres = tmp.resolve("results/rig/902");
        try (LoopFs lower = LoopFs.create(registry, "ext4", 1024, null);
             LoopFs upper = LoopFs.create(registry, lower.mnt, "nodatasum", "btrfs", 512, null);
             OrderedExtentChecker oe = new OrderedExtentChecker(registry)) {
            BlockedTaskChecker blocked = new BlockedTaskChecker();
            Map<String, String> config = Map.of("TEST_DEV", upper.device, "RIG_BLOCKED_THRESHOLD", "1",
                    "RIG_OE_GRACE", "1");
            ItContext running = new ItContext("rig/902", seqres, config, ItContext.plain(), false);
            oe.start(running);
            blocked.start(running);
            List<String> oeFindings;
            List<String> blockedFindings;
            CompletableFuture<Exec.Result> dd;
            CompletableFuture<Exec.Result> sync;
            Exec.run(Duration.ofSeconds(30), "fsfreeze", "-f", lower.mnt.toString()).orThrow();
            try {
                dd = background("dd", "if=/dev/zero", "of=" + upper.file("f"), "bs=1M", "count=1", "oflag=direct");
                Thread.sleep(500);
                sync = background("sync", "-f", upper.mnt.toString());
                for (int i = 0; i < 16; i++) {
                    Thread.sleep(250);
                    blocked.poll(running);
                }
                ItContext hung = new ItContext("rig/902", seqres, config, ItContext.plain(), true);
                oeFindings = oe.finish(hung);
                blockedFindings = blocked.finish(hung);
            } finally {
                Exec.run(Duration.ofSeconds(30), "fsfreeze", "-u", lower.mnt.toString()).orThrow();
            }
            assertTrue(dd.get(60, TimeUnit.SECONDS).ok(), "dd completes after the thaw");
            assertTrue(sync.get(60, TimeUnit.SECONDS).ok(), "syncfs completes after the thaw");
            System.out.println(String.join("\n", oeFindings) + "\n" + String.join("\n", blockedFindings));
            System.out.println(Files.readString(Path.of(seqres + ".oe")));
            System.out.println(Files.readString(Path.of(seqres + ".blocked")));

            assertEquals(1, oeFindings.size(), oeFindings::toString);
            String line = oeFindings.get(0);
            assertTrue(line.matches("hung ordered extent: fs [0-9a-f-]{36} root 5 ino 257 file offset 0 len 1048576 "
                    + "outstanding \\[0, 1048576\\) bytes_left 1048576 flags REGULAR\\|DIRECT, added by dd:\\d+, "
                    + "outstanding [2-9]\\.\\d s, .*"), line);
            assertTrue(blockedFindings.stream().anyMatch(f -> f.matches("task dd:\\d+ blocked \\d+ s in \\w+")),
                    blockedFindings::toString);
            assertTrue(blockedFindings.stream().anyMatch(f -> f.matches("task sync:\\d+ blocked \\d+ s in \\w+")),
                    blockedFindings::toString);

            // recovered: the next test on the same filesystem is clean
            oe.close();
            ItContext next = new ItContext("rig/903", tmp.resolve("results/rig/903"), config, ItContext.plain(), false);
            oe.start(next);
            Exec.run(Duration.ofSeconds(60), "dd", "if=/dev/zero", "of=" + upper.file("g"), "bs=1M", "count=1",
                    "oflag=direct").orThrow();
            upper.unmount();
            assertEquals(List.of(), oe.finish(next));
        }
    }

    private static CompletableFuture<Exec.Result> background(String... cmd) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return Exec.run(Duration.ofSeconds(120), cmd);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
