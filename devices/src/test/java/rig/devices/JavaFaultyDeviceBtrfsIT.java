package rig.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rig.devices.java.JavaDevice;
import rig.devices.own.Claim;
import rig.devices.own.Registry;
import rig.sys.Exec;

/**
 * btrfs on the Java device through the FaultyDevice API (RIG_DEVICE=auto falls back to the Java
 * device on this kernel): a direct write into a range of the error table fails with EIO at
 * once, btrfs counts a write error, and after loadWorkingTable new writes succeed and read back.
 * All file I/O is done by external programs (dd), never by this JVM (loop-over-FUSE deadlock
 * rules); the data range is found in the device's own I/O journal.
 */
class JavaFaultyDeviceBtrfsIT {

    static final Duration T = Duration.ofSeconds(120);
    static final Pattern ENTRY = Pattern.compile("^(\\d+) \\S+ WRITE (\\d+)\\+(\\d+) ok .*");

    @TempDir
    Path tmp;

    static Exec.Result run(String... cmd) throws Exception {
        return Exec.run(T, cmd);
    }

    @Test
    void errorTableFailsADirectWriteAtOnceBtrfsCountsItAndTheWorkingTableHeals() throws Exception {
        Assumptions.assumeTrue(Files.isWritable(Path.of("/dev/fuse")), "needs root and /dev/fuse");
        Assumptions.assumeTrue(Exec.onPath("mkfs.btrfs") && Exec.onPath("btrfs"), "needs btrfs-progs");
        Assumptions.assumeTrue(Files.readString(Path.of("/proc/filesystems")).contains("btrfs"), "needs btrfs");
        Registry registry = Registry.open();
        Path mnt = Files.createDirectories(tmp.resolve("mnt"));
        try (JavaDevice jd = JavaDevice.create("faults-it-" + ProcessHandle.current().pid(), 512L << 20)) {
            FaultyDevice dev = FaultyDevices.open(jd.path(), Optional.of(jd.control()), "auto");
            assertEquals("java", dev.backend(), dev.choice());
            run("mkfs.btrfs", "-f", "-q", "-d", "single", "-m", "single", dev.path().toString()).orThrow();
            run("mount", "-t", "btrfs", dev.path().toString(), mnt.toString()).orThrow();
            Claim mount = registry.claim(Claim.Kind.MOUNT, mnt.toString());
            try {
                Path file = mnt.resolve("f");
                run("touch", file.toString()).orThrow();
                run("chattr", "+C", file.toString()).orThrow(); // nodatacow: overwrites stay in place
                run("sync").orThrow();
                long before = lastSeq(dev);
                run("dd", "if=/dev/urandom", "of=" + file, "bs=1M", "count=4", "oflag=direct", "conv=fsync")
                        .orThrow();
                long[] data = dataRange(dev, before);
                // the kernel splits the 4 MiB as it likes (a short tail piece is possible): the 1 MiB the next
                // write overwrites at the start of the file is what must be found
                assertTrue(data[1] >= 2048, "found the file's data in the journal: " + data[0] + "+" + data[1]);

                dev.resetErrorTable();
                dev.markRangeBad(data[0], data[1]);
                dev.loadErrorTable();
                long t0 = System.nanoTime();
                Exec.Result failed = run("dd", "if=/dev/zero", "of=" + file, "bs=1M", "count=1", "oflag=direct",
                        "conv=notrunc");
                long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
                assertFalse(failed.ok(), "the direct write into the error range must fail");
                assertTrue(failed.stderr().contains("Input/output error"), failed.stderr());
                System.err.println("failed direct write returned after " + elapsedMs + " ms");
                String stats = run("btrfs", "device", "stats", mnt.toString()).orThrow().stdout();
                Matcher m = Pattern.compile("write_io_errs\\s+(\\d+)").matcher(stats);
                assertTrue(m.find(), stats);
                assertTrue(Long.parseLong(m.group(1)) >= 1, "btrfs counted the write error: " + stats);
                System.err.println(stats.strip());
                String summary = jd.journalSummary();
                System.err.println(summary.strip());
                assertTrue(summary.contains("write error"), summary);

                dev.loadWorkingTable();
                run("dd", "if=/dev/urandom", "of=" + tmp.resolve("pattern"), "bs=1M", "count=1").orThrow();
                run("dd", "if=" + tmp.resolve("pattern"), "of=" + file, "bs=1M", "count=1", "oflag=direct",
                        "conv=notrunc,fsync").orThrow();
                run("dd", "if=" + file, "of=" + tmp.resolve("back"), "bs=1M", "count=1", "iflag=direct").orThrow();
                assertEquals(-1, Files.mismatch(tmp.resolve("pattern"), tmp.resolve("back")), "reads back");
            } finally {
                Exec.Result u = run("umount", mnt.toString());
                if (!u.ok()) {
                    jd.abort();
                    run("umount", "-l", mnt.toString());
                }
                registry.release(mount);
            }
        }
    }

    private static long lastSeq(FaultyDevice dev) throws Exception {
        List<String> tail = dev.control().orElseThrow().journalTail(1);
        return tail.isEmpty() ? -1 : Long.parseLong(tail.get(0).split(" ")[0]);
    }

    /** The sectors of the large writes (>= 128 KiB: data, not 16 KiB metadata nodes) after {@code seq}. */
    private static long[] dataRange(FaultyDevice dev, long seq) throws Exception {
        long first = Long.MAX_VALUE, end = 0;
        for (String line : dev.control().orElseThrow().journalTail(4096)) {
            Matcher m = ENTRY.matcher(line);
            if (m.matches() && Long.parseLong(m.group(1)) > seq && Long.parseLong(m.group(3)) >= 256) {
                first = Math.min(first, Long.parseLong(m.group(2)));
                end = Math.max(end, Long.parseLong(m.group(2)) + Long.parseLong(m.group(3)));
            }
        }
        return new long[] {first, end - first};
    }
}
