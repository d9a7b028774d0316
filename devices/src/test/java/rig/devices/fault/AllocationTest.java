package rig.devices.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The hot path allocates nothing per request (measured with the JVM's per-thread allocation counter). */
class AllocationTest {

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static long bytesPerRequest(FaultEngine dev, ByteBuffer buf) {
        for (int i = 0; i < 20_000; i++) { // warm up: JIT, lazily built LongAdder cells
            serve(dev, buf, i);
        }
        long before = allocated();
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            serve(dev, buf, i);
        }
        return (allocated() - before) / n;
    }

    /** A sink that reads the range it is handed into a fixed buffer, as a transport's splice would move it. */
    private static final long SINK_BUFFER = rig.sys.LibC.address(Disk.buffer(4096));
    private static final rig.devices.BlockHandler.FileSink PREAD_SINK = (fd, offset, length) ->
            rig.sys.LibC.INSTANCE.pread(fd, SINK_BUFFER, length, offset) == length ? 0 : rig.sys.Errno.EIO;

    private static void serve(FaultEngine dev, ByteBuffer buf, int i) {
        long off = (i % 600) * 4096L; // through the delay, drop and corrupt ranges
        int r = switch (i % 4) {
            case 0 -> dev.write(off, buf, false);
            case 1 -> dev.read(off, buf);
            case 2 -> dev.read(off, buf, PREAD_SINK); // a transport's zero-copy read
            default -> dev.flush();
        };
        assertEquals(0, r);
    }

    @Test
    void noAllocationPerRequestWithTheEmptyTableOrWithRules() throws Exception {
        // on tmpfs: the flushes are fdatasync of the backing file
        Path file = Path.of("/dev/shm/rig-faults-alloc-" + ProcessHandle.current().pid() + ".img");
        try (FaultEngine dev = FaultEngine.open(file, 8192L * 512)) {
            ByteBuffer buf = Disk.buffer(4096);
            long empty = bytesPerRequest(dev, buf);
            dev.loadTable("0 96 pass\n96 8 delay latency=0s\n2000 64 drop\n3000 8 corrupt bytes=1 seed=1\n"
                    + "4000 8 error flush after=1000000000\n");
            long withRules = bytesPerRequest(dev, buf);
            System.err.println("bytes allocated per request: empty table " + empty + ", with rules " + withRules);
            assertTrue(empty < 8, "empty table: " + empty + " bytes per request");
            assertTrue(withRules < 8, "with rules: " + withRules + " bytes per request");
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }
}
