package rig.checkers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import rig.devices.own.Registry;
import rig.sys.Exec;

/**
 * btrfs (nodatasum, so O_DIRECT stays direct on 6.18 instead of falling back to buffered I/O)
 * on a loop device whose backing file lives on an ext4 filesystem that can be frozen: while it
 * is frozen the loop worker's writes block, so btrfs bios never complete and their ordered
 * extents stay outstanding, as on a stalled device. close() thaws first, always.
 */
public final class StalledBtrfs implements AutoCloseable {

    public final LoopFs lower;
    public final LoopFs upper;
    private boolean frozen;

    private StalledBtrfs(LoopFs lower, LoopFs upper) {
        this.lower = lower;
        this.upper = upper;
    }

    public static boolean available() {
        return LoopFs.available("btrfs") && LoopFs.available("ext4") && Exec.onPath("fsfreeze");
    }

    public static StalledBtrfs create(Registry registry) throws IOException {
        LoopFs lower = LoopFs.create(registry, "ext4", 1024, null);
        try {
            return new StalledBtrfs(lower, LoopFs.create(registry, lower.mnt, "nodatasum", "btrfs", 512, null));
        } catch (IOException | RuntimeException e) {
            lower.close();
            throw e;
        }
    }

    public void stall() throws IOException {
        Exec.run(Duration.ofSeconds(30), "fsfreeze", "-f", lower.mnt.toString()).orThrow();
        frozen = true;
    }

    public void release() throws IOException {
        if (frozen) {
            Exec.run(Duration.ofSeconds(30), "fsfreeze", "-u", lower.mnt.toString()).orThrow();
            frozen = false;
        }
    }

    /** Runs a program in the background (it may block in the kernel until {@link #release}). */
    public static CompletableFuture<Exec.Result> background(String... cmd) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return Exec.run(Duration.ofSeconds(120), cmd);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    public void close() throws IOException {
        try {
            release();
        } finally {
            try {
                upper.close();
            } finally {
                lower.close();
            }
        }
    }
}
