package rig.fstest.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import rig.check.api.NotRunException;
import rig.devices.own.Mounts;
import rig.fstest.FstestBase;
import rig.fstest.fs.DeviceSize;
import rig.fstest.io.AlignedBuffer;
import rig.fstest.io.FileCompare;
import rig.fstest.io.Io;
import rig.fstest.io.Mapping;
import rig.fstest.io.Md5;
import rig.fstest.io.OpenFile;
import rig.fstest.io.Pattern;
import rig.fstest.io.Reflink;
import rig.fstest.io.Transfer;
import rig.fstest.io.WriteSummary;
import rig.sys.Exec;
import rig.sys.LibC;

/** The test-writing API on the real kernel: btrfs, xfs and ext4 on loop devices over /dev/shm. */
class FstestApiIT {
    static final long DEV_SIZE = 400L << 20;
    private static Path results;

    @BeforeAll
    static void results() throws Exception {
        results = Files.createTempDirectory("rig-testapi-it");
    }

    @AfterAll
    static void removeResults() throws Exception {
        try (var walk = Files.walk(results)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Runs {@code body} as the body of a numbered test "rig/it" on fresh loop devices. */
    private static Harness.Outcome run(String fstyp, FsBody body) throws Exception {
        assumeTrue(Exec.onPath("mkfs." + fstyp), "mkfs." + fstyp + " not installed");
        try (Scratchpad pad = new Scratchpad()) {
            Map<String, String> cfg = pad.config(fstyp, DEV_SIZE);
            Harness.Outcome o = Harness.run(new ApiTest(body), "rig/it", cfg, results);
            assertTrue(Mounts.list().stream().noneMatch(m -> m.source().equals(cfg.get("SCRATCH_DEV"))),
                    "the base class unmounts the scratch filesystem after the test");
            return o;
        }
    }

    interface FsBody {
        void run(ApiTest t) throws Exception;
    }

    /** A numbered test whose body is the lambda under test; exposes the protected API to it. */
    static final class ApiTest extends FstestBase {
        // package-private accessors: FaultTestsIT drives the dm words through them
        private final FsBody body;

        ApiTest(FsBody body) {
            this.body = body;
        }

        @Override
        protected void test() throws Exception {
            requireScratch();
            body.run(this);
        }

        rig.fstest.fs.Filesystem scratchFs() {
            return scratch();
        }

        void reflinkRequired() throws Exception {
            requireScratchReflink();
        }

        void caches() throws Exception {
            dropCaches();
        }

        rig.fstest.dm.DmError dm() {
            return dmerror();
        }

        rig.fstest.dm.DmFlakey fl() {
            return flakey();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"btrfs", "xfs", "ext4"})
    void mkfsMountDirectIoRemountAndFsck(String fstyp) throws Exception {
        Harness.Outcome o = run(fstyp, t -> {
            var scratch = t.scratchFs();
            scratch.mkfs();
            scratch.mount();
            assertEquals(fstyp, Mounts.at(scratch.mnt()).orElseThrow().fsType());
            Path f = scratch.mnt().resolve("direct");
            WriteSummary w = Io.pwrite(f, LibC.O_CREAT | LibC.O_DIRECT, Pattern.of(0x69), 0, 3 << 20, 1 << 20);
            assertTrue(w.complete(), w.toString());
            assertEquals(3, w.calls());
            try (OpenFile dsync = OpenFile.open(scratch.mnt().resolve("dsync"), LibC.O_CREAT | LibC.O_WRONLY | LibC.O_DSYNC)) {
                WriteSummary ds = Io.pwrite(dsync, Pattern.of(0x44), 0, 65536, 4096, rig.fstest.io.WriteListener.NONE);
                assertEquals(16, ds.calls(), ds.xfsIoLine());
                dsync.fdatasync();
                dsync.fsync();
                dsync.fallocate(LibC.FALLOC_FL_KEEP_SIZE, 65536, 65536);
            }
            scratch.cycleMount();
            assertEquals(65536, Files.size(scratch.mnt().resolve("dsync")), "KEEP_SIZE preallocation leaves the size");
            try (OpenFile in = OpenFile.open(f, LibC.O_RDONLY | LibC.O_DIRECT)) {
                ByteBuffer buf = AlignedBuffer.allocate(1 << 20).bytes();
                Transfer r = in.pread(buf, 2 << 20);
                assertEquals(1 << 20, r.done());
                assertEquals(-1, Pattern.of(0x69).firstMismatch(buf));
                Transfer eof = in.pread(AlignedBuffer.allocate(1 << 20).bytes(), 3 << 20);
                assertEquals(0, eof.done(), "a read at EOF returns 0");
            }
            // a misaligned O_DIRECT write: xfs and ext4 refuse it, btrfs falls back to buffered I/O
            try (OpenFile out = OpenFile.open(f, LibC.O_WRONLY | LibC.O_DIRECT)) {
                ByteBuffer odd = AlignedBuffer.allocate(8192).bytes().position(1).limit(4097);
                Transfer t2 = out.pwrite(odd, 0);
                if (fstyp.equals("btrfs")) {
                    assertEquals(4096, t2.done(), t2.toString());
                } else {
                    assertEquals(rig.sys.Errno.EINVAL, t2.errno(), t2.toString());
                }
            }
            scratch.remount("-o ro");
            java.io.IOException ro = assertThrows(java.io.IOException.class, () -> OpenFile.open(f, LibC.O_WRONLY));
            assertEquals(rig.sys.Errno.EROFS, rig.fstest.io.ErrnoException.of(ro));
            scratch.remount("-o rw");
            WriteSummary rw = Io.pwrite(f, 0, Pattern.of(1), 0, 4096, 4096);
            assertTrue(rw.complete(), rw.xfsIoLine());
            scratch.unmount();
            assertTrue(scratch.fsck().ok(), "fsck of a clean filesystem passes");
        });
        assertTrue(o.full().contains("# mkfs." + fstyp), o.full());
    }

    @ParameterizedTest
    @ValueSource(strings = {"btrfs", "xfs", "ext4"})
    void directWriteFromAMappingCopiesTheFile(String fstyp) throws Exception {
        run(fstyp, t -> {
            var scratch = t.scratchFs();
            scratch.mkfs();
            scratch.mount();
            Path src = scratch.mnt().resolve("src");
            Path dst = scratch.mnt().resolve("dst");
            Io.pwrite(src, LibC.O_CREAT, Pattern.XFS_IO_DEFAULT, 0, 2 << 20, 65536);
            try (OpenFile in = OpenFile.open(src, LibC.O_RDONLY);
                 OpenFile out = OpenFile.open(dst, LibC.O_WRONLY | LibC.O_CREAT | LibC.O_DIRECT);
                 Mapping map = Mapping.map(in, 2 << 20, LibC.PROT_READ, true)) {
                assertEquals((byte) 0xcd, map.touch(0));
                WriteSummary w = Io.pwriteAll(out, map.at(0), 2 << 20, 0, 4096);
                assertTrue(w.complete(), w.xfsIoLine());
            }
            t.full().println("mapping copy done");
            t.caches();
            assertTrue(FileCompare.compare(src, dst).identical());
            assertEquals(Md5.of(src), Md5.of(dst));
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"btrfs", "xfs", "ext4"})
    void privateAndSharedMappingsReadAndWrite(String fstyp) throws Exception {
        run(fstyp, t -> {
            var scratch = t.scratchFs();
            scratch.mkfs();
            scratch.mount();
            Path f = scratch.mnt().resolve("mapped");
            Io.pwrite(f, LibC.O_CREAT, Pattern.of(0x11), 0, 8192, 8192);
            try (OpenFile fd = OpenFile.open(f, LibC.O_RDWR)) {
                try (Mapping priv = Mapping.map(fd, 8192, LibC.PROT_READ | LibC.PROT_WRITE, false)) {
                    priv.put(0, new byte[] {0x22});
                    assertEquals(0x22, priv.touch(0));
                }
                assertEquals(0x11, Files.readAllBytes(f)[0], "a private mapping's writes stay private");
                try (Mapping shared = Mapping.map(fd, 8192, LibC.PROT_READ | LibC.PROT_WRITE, true)) {
                    shared.put(4096, new byte[] {0x33, 0x44});
                    shared.msync();
                    assertArrayEquals(new byte[] {0x33, 0x44}, shared.get(4096, 2));
                }
            }
            scratch.cycleMount();
            byte[] back = Files.readAllBytes(f);
            assertEquals(0x33, back[4096]);
            assertEquals(0x44, back[4097]);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"btrfs", "xfs", "ext4"})
    void reflinkWhereSupportedNotRunOnExt4(String fstyp) throws Exception {
        if (fstyp.equals("ext4")) {
            NotRunException e = assertThrows(NotRunException.class, () -> run(fstyp, t -> t.reflinkRequired()));
            assertEquals("Reflink not supported by scratch filesystem type: ext4", e.getMessage());
            return;
        }
        run(fstyp, t -> {
            t.reflinkRequired();
            var scratch = t.scratchFs();
            scratch.mkfs();
            scratch.mount();
            Path a = scratch.mnt().resolve("a");
            Path b = scratch.mnt().resolve("b");
            Io.pwrite(a, LibC.O_CREAT, Pattern.of(0x61), 0, 1 << 20, 65536);
            Reflink.copy(a, b);
            assertEquals(Md5.of(a), Md5.of(b));
            Io.pwrite(b, LibC.O_DIRECT, Pattern.of(0x63), 0, 65536, 65536);
            scratch.cycleMount();
            assertEquals(0x61, Files.readAllBytes(a)[0], "a CoW write to the clone leaves the original alone");
            assertEquals(0x63, Files.readAllBytes(b)[0]);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"btrfs", "xfs", "ext4"})
    void mkfsSizedFallocAndTooSmall(String fstyp) throws Exception {
        run(fstyp, t -> {
            var scratch = t.scratchFs();
            NotRunException small = assertThrows(NotRunException.class, () -> scratch.mkfsSized(DEV_SIZE * 2));
            assertEquals("Scratch device too small", small.getMessage());
            scratch.mkfsSized(196L << 20);
            scratch.mount();
            Path f = scratch.mnt().resolve("prealloc");
            Io.falloc(f, 0, 40L << 20);
            assertEquals(40L << 20, Files.size(f));
            byte[] head = new byte[4096];
            try (var in = Files.newInputStream(f)) {
                assertEquals(4096, in.readNBytes(head, 0, 4096));
            }
            assertFalse(new String(head).chars().anyMatch(c -> c != 0), "preallocated space reads as zeros");
            var st = Exec.run(java.time.Duration.ofSeconds(10), "df", "-B1", "--output=size", scratch.mnt().toString());
            long fsSize = Long.parseLong(st.stdout().lines().skip(1).findFirst().orElseThrow().strip());
            assertTrue(fsSize <= 196L << 20, "mkfsSized made a " + fsSize + "-byte filesystem on a "
                    + DeviceSize.of(scratch.device()) + "-byte device");
        });
    }
}
