package rig.devices.fuse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rig.devices.fault.FaultEngine;
import rig.devices.loop.LoopDevice;
import rig.devices.own.FuseConnections;
import rig.devices.own.Mounts;
import rig.devices.own.Registry;
import rig.devices.own.Sweeper;
import rig.sys.LibC;

/**
 * The FUSE transport against the real kernel, served in this JVM (fine for a test that never
 * puts a filesystem on top): the file, a loop device with direct I/O over it, 1 MiB requests,
 * errors and abort.
 */
class FuseMountIT {

    static final long SIZE = 64L << 20;
    @TempDir
    Path tmp;
    Path backing;
    Registry registry;
    FaultEngine pass;
    RecordingHandler handler;
    FuseMount mount;

    @BeforeEach
    void setUp() throws IOException {
        Assumptions.assumeTrue(Files.isWritable(Path.of("/dev/fuse")), "needs root and /dev/fuse");
        backing = Path.of("/dev/shm/rig-fuseit-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".img");
        try (var f = new RandomAccessFile(backing.toFile(), "rw")) {
            f.setLength(SIZE);
        }
        registry = Registry.open(tmp.resolve("state"));
        pass = FaultEngine.open(backing, SIZE);
        handler = new RecordingHandler(pass);
        mount = FuseMount.mount(registry, Files.createDirectories(tmp.resolve("mnt")), "it", handler, 2, 8,
                System.err::println);
    }

    @AfterEach
    void tearDown() throws IOException {
        try {
            if (handler != null && handler.holdWrites != null) {
                handler.holdWrites.countDown();
            }
            if (mount != null) {
                mount.close();
            }
        } finally {
            if (pass != null) {
                pass.close();
            }
            if (registry != null) {
                registry.claims().forEach(c -> System.err.println("claim left: " + c));
            }
            Files.deleteIfExists(backing);
        }
    }

    @Test
    void servesOneFileOfTheDeviceSize() throws IOException {
        assertEquals(FuseMount.FS_TYPE, Mounts.at(mount.mountPoint()).orElseThrow().fsType());
        assertTrue(mount.protocolMinor() >= 28, "protocol 7." + mount.protocolMinor());
        try (var names = Files.list(mount.mountPoint())) {
            assertEquals(java.util.List.of(mount.file()), names.toList());
        }
        assertEquals(SIZE, Files.size(mount.file()));
        assertEquals(Mounts.at(mount.mountPoint()).orElseThrow().minor(), mount.connection(),
                "the FUSE connection is named by the minor of the mount's device");
        byte[] data = new byte[8192];
        new Random(1).nextBytes(data);
        try (FileChannel ch = FileChannel.open(mount.file(), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(data), 4096);
            ch.force(false);
            ByteBuffer back = ByteBuffer.allocate(data.length);
            ch.read(back, 4096);
            assertArrayEquals(data, back.array());
        }
        assertTrue(handler.flushes.get() >= 1, "fsync reaches the handler as a flush");
        byte[] onBacking = new byte[data.length];
        try (var f = new RandomAccessFile(backing.toFile(), "r")) {
            f.seek(4096);
            f.readFully(onBacking);
        }
        assertArrayEquals(data, onBacking);
    }

    @Test
    void aLoopDeviceWithDirectIoHandsOverOneMebibyteBiosWhole() throws Exception {
        try (LoopDevice loop = LoopDevice.attach(registry, mount.file(), 512, true)) {
            assertTrue(loop.directIo(), "direct I/O should be on for the FUSE file");
            // a bio is split at the loop queue's 128 segments unless its pages are contiguous:
            // a transparent huge page makes the 1 MiB buffer one physically contiguous run
            long addr = hugePageBuffer(4 << 20);
            jnr.ffi.Pointer mem = jnr.ffi.Pointer.wrap(LibC.runtime(), addr);
            byte[] data = new byte[1 << 20];
            new Random(2).nextBytes(data);
            mem.put(0, data, 0, data.length);
            int fd = LibC.INSTANCE.open(loop.path().toString(), LibC.O_RDWR | LibC.O_DIRECT, 0);
            assertTrue(fd >= 0);
            try {
                assertEquals(1 << 20, LibC.INSTANCE.pwrite(fd, addr, 1 << 20, 8L << 20));
                assertEquals(1 << 20, LibC.INSTANCE.pread(fd, addr + (2 << 20), 1 << 20, 8L << 20));
                byte[] back = new byte[data.length];
                mem.get(2 << 20, back, 0, back.length);
                assertArrayEquals(data, back);
            } finally {
                LibC.INSTANCE.close(fd);
            }
            assertEquals(1 << 20, handler.maxWrite.get(), "one 1 MiB write request");
            assertEquals(SpliceReply.maxRead(), handler.maxRead.get(),
                    "one read request of max_read (1 MiB, or 1020 KiB where a spliced reply must fit a 1 MiB pipe)");
        }
    }

    @Test
    void readsOfEverySizeAndAlignmentReadBackExactlyWithOrWithoutSplice() throws Exception {
        byte[] data = new byte[(int) SIZE];
        new Random(3).nextBytes(data);
        try (var f = new RandomAccessFile(backing.toFile(), "rw")) {
            f.write(data, 0, data.length - (1 << 20)); // the last MiB stays a hole: zeros
        }
        java.util.Arrays.fill(data, data.length - (1 << 20), data.length, (byte) 0);
        long[][] cases = { // offset, length: unaligned, page-sized, 512 KiB, 1020 KiB, 1 MiB (copied), over the end
            {4096 + 100, 10_000}, {0, 4096}, {3 << 20, 512 << 10}, {5 << 20, 1020 << 10}, {7 << 20, 1 << 20},
            {(5L << 20) + 1, (1 << 20) - 2}, {SIZE - (1 << 20) - 4096, 8192}, {SIZE - 5000, 5000}};
        try (FileChannel ch = FileChannel.open(mount.file(), StandardOpenOption.READ)) {
            for (long[] c : cases) {
                ByteBuffer back = ByteBuffer.allocateDirect((int) c[1]);
                while (back.hasRemaining() && ch.read(back, c[0] + back.position()) > 0) {
                }
                assertEquals(c[1], back.position(), "bytes read at " + c[0]);
                byte[] got = new byte[(int) c[1]];
                back.flip().get(got);
                assertArrayEquals(java.util.Arrays.copyOfRange(data, (int) c[0], (int) (c[0] + c[1])), got,
                        "content at " + c[0] + "+" + c[1]);
            }
        }
        if (SpliceReply.enabled()) {
            assertTrue(handler.splicedReads.get() > 0, "some reads were spliced: " + handler.splicedReads.get());
        } else {
            assertEquals(0, handler.splicedReads.get(), SpliceReply.ENV + "=0: no read is spliced");
        }
    }

    /** {@code size} bytes of anonymous memory on 2 MiB boundaries, advised to use huge pages. */
    static long hugePageBuffer(long size) {
        jnr.ffi.Pointer p = LibC.INSTANCE.mmap(null, size + (2 << 20), 3, 0x22, -1, 0);
        long addr = (p.address() + (2 << 20) - 1) & ~((2L << 20) - 1);
        LibC.INSTANCE.madvise(addr, size, 14); // MADV_HUGEPAGE
        return addr;
    }

    @Test
    void abortFailsAHeldWriteAndEndsTheConnection() throws Exception {
        try (LoopDevice loop = LoopDevice.attach(registry, mount.file(), 512, true)) {
            handler.holdWrites = new CountDownLatch(1);
            CompletableFuture<Long> writer = CompletableFuture.supplyAsync(() -> {
                ByteBuffer buf = LibC.allocateAligned(4096);
                int fd = LibC.INSTANCE.open(loop.path().toString(), LibC.O_RDWR | LibC.O_DIRECT, 0);
                try {
                    long n = LibC.INSTANCE.pwrite(fd, LibC.address(buf), 4096, 0);
                    return n < 0 ? -LibC.errno() : n;
                } finally {
                    LibC.INSTANCE.close(fd);
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (handler.held.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(1, handler.held.get(), "the write reached the handler and is held");
            Thread.sleep(200);
            assertFalse(writer.isDone(), "the writer waits while its request is held");
            mount.abort();
            long result = writer.get(10, TimeUnit.SECONDS);
            assertEquals(-5, result, "the held write fails with EIO after the abort");
            handler.holdWrites.countDown(); // the serving thread itself is the handler's until released
            assertTrue(mount.awaitEnd(Duration.ofSeconds(10)), "serving threads end after the abort");
        }
    }
}
