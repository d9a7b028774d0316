package rig.devices.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rig.sys.Errno;

class PassThroughTest {

    @TempDir
    Path dir;

    static ByteBuffer aligned(int n) {
        return ByteBuffer.allocateDirect(((n + 4095) & ~4095) + 4096).alignedSlice(4096).limit(n);
    }

    @Test
    void emptyTableWritesReadsFlushesAndDiscardsTheBackingFile() throws Exception {
        Path file = dir.resolve("disk.img");
        try (FaultEngine dev = FaultEngine.open(file, 1 << 20)) {
            assertEquals(1 << 20, Files.size(file));
            assertEquals(1 << 20, dev.size());
            ByteBuffer w = aligned(8192);
            for (int i = 0; i < 8192; i++) {
                w.put(i, (byte) (i * 7 + 1));
            }
            assertEquals(0, dev.write(65536, w, false));
            assertEquals(0, w.position(), "position unchanged");
            assertEquals(8192, w.limit(), "limit unchanged");
            assertEquals(0, dev.flush());
            ByteBuffer r = aligned(8192);
            assertEquals(0, dev.read(65536, r));
            assertEquals(w, r);
            byte[] onDisk = Files.readAllBytes(file);
            assertEquals((byte) 1, onDisk[65536]);
            assertEquals((byte) (8191 * 7 + 1), onDisk[65536 + 8191]);

            assertEquals(0, dev.discard(65536, 4096));
            assertEquals(0, dev.read(65536, r));
            assertEquals(0, r.get(0));
            assertEquals(0, r.get(4095));
            assertEquals(w.get(4096), r.get(4096));

            assertEquals(Errno.EINVAL, dev.read((1 << 20) - 512, aligned(1024)));
            assertEquals(0, dev.write(0, aligned(512).position(0), true), "FUA write");
            assertTrue(dev.counters().contains("writes 2\n"), dev.counters());
            assertTrue(dev.counters().contains("fua_writes 1\n"), dev.counters());
            assertEquals("", dev.table());
        }
    }

    @Test
    void aBufferSliceAtANonZeroPositionIsReadAndWrittenFromItsPosition() throws Exception {
        try (FaultEngine dev = FaultEngine.open(dir.resolve("d"), 1 << 16)) {
            ByteBuffer w = aligned(2048);
            w.put(1024, (byte) 0x5a).position(1024).limit(1536);
            assertEquals(0, dev.write(512, w, false));
            ByteBuffer r = aligned(1024).position(512);
            assertEquals(0, dev.read(512, r));
            assertEquals(0x5a, r.get(512));
            assertEquals(0, r.get(0), "bytes before the position are untouched");
        }
    }
}
