package rig.tests.rig;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import rig.check.api.Fstest;
import rig.check.api.NotRunException;
import rig.check.api.NumberedTest;
import rig.check.api.TestEnv;
import rig.devices.loop.LoopDevice;
import rig.devices.own.Claim;
import rig.devices.own.Registry;
import rig.devices.fs.FsCommands;
import rig.sys.Exec;

/**
 * Positive control of the ordered-extent ledger and the blocked-task sampler, on this host's
 * kernel without device-mapper or the Java device: btrfs (nodatasum, so that O_DIRECT stays
 * direct) on a loop device whose backing file sits on an ext4 SCRATCH that is frozen for a
 * while. The direct write's ordered extent cannot complete and a syncfs waits, as in the
 * generic/276 hang reported with btrfs' partial-dio-write fix (linux-btrfs, March 2023); after the stall the test releases it and everything completes.
 * The checkers must report the stalled ordered extent (inode 257, [0, 1 MiB), added by dd) and
 * the blocked dd; the stall lasts past both thresholds (RIG_OE_STALL, RIG_BLOCKED_THRESHOLD).
 */
@Fstest(id = "rig/201", groups = {"selftest", "checkers"}, timeoutSeconds = 120,
        expectedFindings = {
            "^oe: stalled ordered extent \\(completed later\\): fs [0-9a-f-]+ root 5 ino 257 file offset 0 len 1048576 .*added by dd:\\d+",
            "^blocked: task dd:\\d+ blocked \\d+ s in __iomap_dio_rw",
            "^blocked: task \\S+ blocked \\d+ s in \\S+"})
public final class Rig201 implements NumberedTest {

    private static final Duration T = Duration.ofSeconds(60);

    @Override
    public void run(TestEnv env) throws Exception {
        String dev = env.config("SCRATCH_DEV").orElseThrow(() -> new NotRunException("this test requires a valid $SCRATCH_DEV"));
        Path lower = Path.of(env.config("SCRATCH_MNT").orElseThrow(() -> new NotRunException("this test requires $SCRATCH_MNT")));
        for (String tool : new String[] {"mkfs.ext4", "mkfs.btrfs", "fsfreeze", "dd", "sync"}) {
            if (!Exec.onPath(tool)) {
                throw new NotRunException(tool + " not found");
            }
        }
        long stallSeconds = 3 + Math.max(seconds(env, "RIG_OE_STALL"), seconds(env, "RIG_BLOCKED_THRESHOLD"));
        Registry registry = Registry.open();
        env.full().println(FsCommands.format(T, "ext4", dev, null).orThrow().output());
        Exec.run(T, "mount", dev, lower.toString()).orThrow();
        Path image = lower.resolve("upper.img");
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(512L << 20);
        }
        Path upper = Files.createTempDirectory("rig-201-upper-");
        Claim dir = registry.claim(Claim.Kind.DIRECTORY, upper.toString());
        try (LoopDevice loop = LoopDevice.attach(registry, image, 512, false)) {
            env.full().println(FsCommands.format(T, "btrfs", loop.path().toString(), null).orThrow().output());
            Exec.run(T, "mount", "-o", "nodatasum", loop.path().toString(), upper.toString()).orThrow();
            Claim mount = registry.claim(Claim.Kind.MOUNT, upper.toString());
            try {
                stall(env, lower, upper, stallSeconds);
            } finally {
                Exec.run(T, "umount", upper.toString());
                registry.release(mount);
            }
        } finally {
            Files.deleteIfExists(upper);
            registry.release(dir);
            Exec.run(T, "umount", lower.toString());
        }
    }

    private static void stall(TestEnv env, Path lower, Path upper, long seconds) throws Exception {
        CompletableFuture<Exec.Result> dd;
        CompletableFuture<Exec.Result> sync;
        Exec.run(T, "fsfreeze", "-f", lower.toString()).orThrow();
        try {
            dd = background("dd", "if=/dev/zero", "of=" + upper.resolve("f"), "bs=1M", "count=1", "oflag=direct");
            Thread.sleep(500);
            sync = background("sync", "-f", upper.toString());
            env.out().println("stalled the device under a 1 MiB direct write and a syncfs");
            Thread.sleep(seconds * 1000);
        } finally {
            Exec.run(T, "fsfreeze", "-u", lower.toString()).orThrow();
        }
        env.out().println("released the stall");
        env.out().println("dd " + (dd.get(60, TimeUnit.SECONDS).ok() ? "completed" : "FAILED") + " after the release");
        env.out().println("syncfs " + (sync.get(60, TimeUnit.SECONDS).ok() ? "completed" : "FAILED") + " after the release");
    }

    private static long seconds(TestEnv env, String var) {
        return env.config(var).map(v -> Long.parseLong(v.trim())).orElse(10L);
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
