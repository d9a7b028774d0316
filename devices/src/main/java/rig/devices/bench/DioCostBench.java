package rig.devices.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import rig.devices.fs.FsCommands;
import rig.devices.loop.LoopDevice;
import rig.devices.own.Claim;
import rig.devices.own.Registry;
import rig.sys.LibC;
import rig.sys.SparseFile;
import rig.sys.Unmount;

/**
 * {@code rig bench dio}: the cost of safety, as the bounce-pages thread measured it: 1 MiB
 * O_DIRECT writes and reads on the raw device (a loop device with direct I/O over a sparse file on
 * tmpfs), on btrfs mounted nodatasum (real direct I/O) and on btrfs with data checksums (served as
 * buffered I/O on recent kernels), side by side in one run, as MiB/s and as a ratio to the device.
 */
@Command(name = "dio", mixinStandardHelpOptions = true,
        description = "1 MiB direct reads and writes on the raw device, btrfs nodatasum and btrfs with checksums:"
                + " MiB/s and the ratio to the device.")
public final class DioCostBench implements Callable<Integer> {
    private static final int IO = 1 << 20;

    @Option(names = "--size", defaultValue = "536870912", description = "bytes written and read per target (default 512 MiB)")
    long size;
    @Option(names = "--backing-dir", defaultValue = "/dev/shm", description = "where the device's backing file goes")
    Path backingDir;

    /** One target's rates. */
    record Row(String target, double writeMiBs, double readMiBs) {
    }

    @Override
    public Integer call() throws Exception {
        Registry registry = Registry.open();
        Path backing = backingDir.resolve("rig-bench-dio-" + ProcessHandle.current().pid() + ".img");
        Claim claim = registry.claim(Claim.Kind.BACKING_FILE, backing.toString());
        Path mnt = Files.createTempDirectory("rig-bench-dio-");
        List<Row> rows = new ArrayList<>();
        try {
            SparseFile.create(backing, Math.max(2 * size, 1L << 30) + (256L << 20));
            try (LoopDevice dev = LoopDevice.attach(registry, backing, 512, true)) {
                rows.add(measure("device (loop over tmpfs)", dev.path()));
                rows.add(onBtrfs(registry, dev.path(), mnt, "nodatasum", "btrfs nodatasum"));
                rows.add(onBtrfs(registry, dev.path(), mnt, null, "btrfs with checksums"));
            }
        } finally {
            Files.deleteIfExists(mnt);
            Files.deleteIfExists(backing);
            registry.release(claim);
        }
        print(rows);
        return 0;
    }

    private Row onBtrfs(Registry registry, Path dev, Path mnt, String options, String name) throws IOException {
        FsCommands.format(Duration.ofMinutes(2), "btrfs", dev.toString(), null).orThrow();
        Claim mount = registry.claim(Claim.Kind.MOUNT, mnt.toString());
        if (LibC.INSTANCE.mount(dev.toString(), mnt.toString(), "btrfs", 0, options) != 0) {
            registry.release(mount);
            throw new IOException("mount -t btrfs " + dev + " " + mnt + " failed: " + LibC.describe(LibC.errno()));
        }
        try {
            Path file = mnt.resolve("bench");
            Files.createFile(file);
            return measure(name, file);
        } finally {
            Unmount.orDetach(mnt);
            registry.release(mount);
        }
    }

    /** Writes {@code size} bytes in 1 MiB O_DIRECT calls, then (caches dropped) reads them back. */
    private Row measure(String name, Path target) throws IOException {
        ByteBuffer buf = ByteBuffer.allocateDirect(IO + 4096).alignedSlice(4096);
        for (int i = 0; i < IO; i++) {
            buf.put(i, (byte) (i * 31 + 7));
        }
        double write = pass(target, buf, true);
        rig.sys.PageCache.drop();
        double read = pass(target, buf, false);
        return new Row(name, write, read);
    }

    private double pass(Path target, ByteBuffer buf, boolean write) throws IOException {
        int fd = LibC.INSTANCE.open(target.toString(), (write ? LibC.O_WRONLY : LibC.O_RDONLY) | LibC.O_DIRECT, 0);
        if (fd < 0) {
            throw new IOException("open " + target + " with O_DIRECT failed: " + LibC.describe(LibC.errno()));
        }
        long t0 = System.nanoTime();
        try {
            for (long off = 0; off < size; off += IO) {
                long n = write ? LibC.INSTANCE.pwrite(fd, buf.clear(), IO, off) : LibC.INSTANCE.pread(fd, buf.clear(), IO, off);
                if (n != IO) {
                    throw new IOException((write ? "pwrite" : "pread") + " of " + target + " at " + off + " returned " + n
                            + (n < 0 ? " (" + LibC.describe(LibC.errno()) + ")" : ""));
                }
            }
            if (write && LibC.INSTANCE.fsync(fd) != 0) {
                throw new IOException("fsync of " + target + " failed: " + LibC.describe(LibC.errno()));
            }
        } finally {
            LibC.INSTANCE.close(fd);
        }
        return size / 1048576.0 / ((System.nanoTime() - t0) / 1e9);
    }

    private void print(List<Row> rows) throws IOException {
        Row device = rows.get(0);
        System.out.printf(Locale.ROOT, "rig bench dio: 1 MiB O_DIRECT, %d MiB each way, kernel %s%n", size >> 20,
                Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip());
        System.out.printf(Locale.ROOT, "%-26s %12s %12s %14s %13s%n", "target", "write MiB/s", "read MiB/s",
                "write/device", "read/device");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "%-26s %12.0f %12.0f %14.2f %13.2f%n", r.target(), r.writeMiBs(), r.readMiBs(),
                    r.writeMiBs() / device.writeMiBs(), r.readMiBs() / device.readMiBs());
        }
    }
}
