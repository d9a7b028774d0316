package rig.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rig.devices.java.JavaDevice;
import rig.sys.Exec;

/**
 * The fault engine's write-loss faults seen through the kernel (loop over FUSE): a flush from
 * the kernel empties the volatile cache and a power cut loses exactly what came after it;
 * dropped writes read back as the old content once the block device's cache is dropped. All I/O
 * is done by dd, never by this JVM.
 */
class JavaFaultyDeviceKernelIT {

    @TempDir
    Path tmp;
    Path a, b;

    static Exec.Result run(String... cmd) throws Exception {
        return Exec.run(Duration.ofSeconds(60), cmd).orThrow();
    }

    @BeforeEach
    void patterns() throws Exception {
        Assumptions.assumeTrue(Files.isWritable(Path.of("/dev/fuse")), "needs root and /dev/fuse");
        a = tmp.resolve("a");
        b = tmp.resolve("b");
        run("dd", "if=/dev/urandom", "of=" + a, "bs=1M", "count=1");
        run("dd", "if=/dev/urandom", "of=" + b, "bs=1M", "count=1");
    }

    private Path readBack(Path dev, String name) throws Exception {
        Path r = tmp.resolve(name);
        run("dd", "if=" + dev, "of=" + r, "bs=1M", "count=1", "iflag=direct");
        return r;
    }

    @Test
    void powerCutLosesExactlyTheWritesAfterTheLastFlushFromTheKernel() throws Exception {
        try (JavaDevice jd = JavaDevice.create("faults-pcut-" + ProcessHandle.current().pid(), 64L << 20)) {
            String dev = jd.path().toString();
            jd.control().loadTable("cache volatile\n");
            run("dd", "if=" + a, "of=" + dev, "bs=1M", "count=1", "oflag=direct", "conv=fsync");
            run("dd", "if=" + b, "of=" + dev, "bs=1M", "count=1", "oflag=direct");
            assertEquals(-1, Files.mismatch(b, readBack(jd.path(), "r1")), "reads see the cached write");
            jd.control().powerCut();
            assertEquals(-1, Files.mismatch(a, readBack(jd.path(), "r2")), "back to what the flush made durable");
            String c = jd.control().counters().text();
            System.err.println(c);
            assertTrue(c.contains("sectors_lost_to_power_cuts 2048\n"), c);
        }
    }

    @Test
    void droppedWritesReadBackAsTheOldContentAfterACacheDrop() throws Exception {
        try (JavaDevice jd = JavaDevice.create("faults-drop-" + ProcessHandle.current().pid(), 64L << 20);
             FaultyDevice dev = FaultyDevices.open(jd.path(), Optional.of(jd.control()), "java")) {
            String path = dev.path().toString();
            run("dd", "if=" + a, "of=" + path, "bs=1M", "count=1", "conv=fsync");
            dev.dropWrites();
            run("dd", "if=" + b, "of=" + path, "bs=1M", "count=1", "conv=fsync");
            run("blockdev", "--flushbufs", path);
            dev.allowWrites();
            Path r = tmp.resolve("r");
            run("dd", "if=" + path, "of=" + r, "bs=1M", "count=1");
            assertEquals(-1, Files.mismatch(a, r), "the acknowledged writes were lost");
            String summary = jd.journalSummary();
            System.err.println(summary);
            assertTrue(summary.contains("dropped on sectors 0-"), summary);
        }
    }
}
