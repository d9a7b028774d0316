package rig.devices.fault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rig.sys.Errno;

/** Writes through the shared mapping land in the file (pread sees them), across chunks and after discards. */
class MappedWritesTest {

    @TempDir
    Path tmp;

    @Test
    void writesThroughTheMappingReadBackWithPreadAcrossChunksAndDiscards() throws Exception {
        long size = 4L << 20;
        try (Backing b = Backing.open(tmp.resolve("m.img"), size)) {
            b.writeThroughMapping();
            long off = (1L << 20) - 4096; // spans chunks 0 and 1
            ByteBuffer w = pattern(8192, 7);
            assertEquals(0, b.write(off, w));
            assertEquals(8192, w.remaining(), "position and limit are left as found");
            assertArrayEquals(bytes(w), bytes(readBack(b, off, 8192)));

            assertEquals(0, b.punch(0, 2L << 20));
            assertArrayEquals(new byte[8192], bytes(readBack(b, off, 8192)), "a discard reads back as zeros");
            ByteBuffer again = pattern(8192, 3);
            assertEquals(0, b.write(off, again), "a discarded chunk is reserved again before its next write");
            assertArrayEquals(bytes(again), bytes(readBack(b, off, 8192)));

            assertEquals(Errno.EINVAL, b.write(size - 512, pattern(1024, 1)), "a write past the end is refused");
        }
    }

    static ByteBuffer pattern(int n, int seed) {
        ByteBuffer b = ByteBuffer.allocateDirect(((n + 4095) & ~4095) + 4096).alignedSlice(4096);
        for (int i = 0; i < n; i++) {
            b.put((byte) (i * 31 + seed));
        }
        return b.flip();
    }

    static ByteBuffer readBack(Backing b, long off, int n) {
        ByteBuffer r = ByteBuffer.allocateDirect(n);
        assertEquals(0, b.read(off, r));
        return r;
    }

    static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }
}
