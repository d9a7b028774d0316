package rig.devices.fault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rig.sys.Errno;
import rig.sys.LibC;

/**
 * A full backing store with writes through the mapping: the write that finds no room returns
 * ENOSPC (fallocate's answer), the JVM does not take a SIGBUS, and room freed by a discard is
 * used again. The backing file lives on a 4 MiB tmpfs mounted (and unmounted) here.
 */
class MappedWritesIT {

    @TempDir
    Path tmp;

    @Test
    void aFullBackingStoreFailsTheWriteWithEnospcInsteadOfCrashing() throws Exception {
        Path mnt = Files.createDirectories(tmp.resolve("small"));
        int rc = LibC.INSTANCE.mount("rig-mmap-it", mnt.toString(), "tmpfs", 0, "size=4m,mode=0700");
        Assumptions.assumeTrue(rc == 0, "cannot mount a 4 MiB tmpfs (" + LibC.describe(LibC.errno())
                + "): needs root and CAP_SYS_ADMIN");
        try {
            long size = 16L << 20;
            try (Backing b = Backing.open(mnt.resolve("b.img"), size)) {
                b.writeThroughMapping();
                ByteBuffer w = MappedWritesTest.pattern(1 << 20, 5);
                int written = 0, e = 0;
                for (long off = 0; off < size && e == 0; off += 1 << 20) {
                    e = b.write(off, w);
                    if (e == 0) {
                        written++;
                    }
                }
                assertEquals(Errno.ENOSPC, e, "the write that found the tmpfs full");
                assertEquals(true, written >= 2 && written <= 4, "MiB written before ENOSPC: " + written);
                assertArrayEquals(MappedWritesTest.bytes(w),
                        MappedWritesTest.bytes(MappedWritesTest.readBack(b, 0, 1 << 20)));

                assertEquals(0, b.punch(0, 1 << 20));
                assertEquals(0, b.write(size - (1 << 20), w), "the room a discard freed is used again");
                assertArrayEquals(MappedWritesTest.bytes(w),
                        MappedWritesTest.bytes(MappedWritesTest.readBack(b, size - (1 << 20), 1 << 20)));
            }
        } finally {
            rig.sys.Unmount.orDetach(mnt);
        }
    }
}
