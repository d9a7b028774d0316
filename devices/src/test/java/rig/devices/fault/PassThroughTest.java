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
            assertTrue(dev.counters().text().contains("writes 2\n"), dev.counters().text());
            assertTrue(dev.counters().text().contains("fua_writes 1\n"), dev.counters().text());
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

    @Test
    void withTheEmptyTableAReadGoesToTheSinkFromTheBackingFileAndIsAccounted() throws Exception {
        Path file = dir.resolve("sink.img");
        try (FaultEngine dev = FaultEngine.open(file, 1 << 20)) {
            ByteBuffer w = aligned(4096);
            for (int i = 0; i < 4096; i++) {
                w.put(i, (byte) (i + 3));
            }
            assertEquals(0, dev.write(8192, w, false));
            long[] took = new long[3];
            ByteBuffer unused = aligned(4096);
            int err = dev.read(8192, unused, (fd, offset, length) -> {
                ByteBuffer b = aligned(length);
                took[0] = rig.sys.LibC.INSTANCE.pread(fd, b, length, offset);
                took[1] = offset;
                took[2] = b.get(4095);
                return 0;
            });
            assertEquals(0, err);
            assertEquals(4096, took[0], "the sink reads the range from the backing file's descriptor");
            assertEquals(8192, took[1]);
            assertEquals((byte) (4095 + 3), (byte) took[2]);
            assertEquals(0, unused.get(0), "the buffer is not filled when the sink took the range");
            assertTrue(dev.counters().text().contains("reads 1\n"), dev.counters().text());
            assertTrue(dev.journalTail(1).get(0).contains("READ"), dev.journalTail(1).toString());

            assertEquals(Errno.EIO, dev.read(0, aligned(512), (fd, offset, length) -> Errno.EIO),
                    "the sink's errno is the request's");
            assertTrue(dev.counters().text().contains("reads 2\n"), dev.counters().text());
            assertTrue(dev.counters().text().contains("read_errors 1\n"), dev.counters().text());
        }
    }

    @Test
    void withRulesTheBufferIsFilledAndTheSinkIsNotUsed() throws Exception {
        try (FaultEngine dev = FaultEngine.open(dir.resolve("rules.img"), 1 << 20)) {
            ByteBuffer w = aligned(4096);
            w.put(0, (byte) 0x77);
            assertEquals(0, dev.write(0, w, false));
            dev.loadTable("100 8 error write\n");
            ByteBuffer r = aligned(4096);
            int[] calls = {0};
            assertEquals(0, dev.read(0, r, (fd, offset, length) -> ++calls[0] * 0));
            assertEquals(0, calls[0], "a table in force: the read goes through the rules, into the buffer");
            assertEquals(0x77, r.get(0));
        }
    }
}
