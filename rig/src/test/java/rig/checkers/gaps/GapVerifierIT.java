package rig.checkers.gaps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rig.checkers.DirectIo;
import rig.checkers.LoopFs;
import rig.devices.own.Registry;
import rig.sys.Fiemap;
import rig.sys.LibC;

/** The gap verifier on real filesystems, each control making the failure it must name. */
class GapVerifierIT {

    static final int PUNCH_HOLE = 0x02, KEEP_SIZE = 0x01;

    @TempDir
    Path tmp;

    @Test
    void aPunchedHoleIsAZeroFilledGapWithAHoleInFiemap() throws Exception {
        assumeTrue(LoopFs.available("btrfs"), "needs root, losetup, mkfs.btrfs");
        Registry registry = Registry.open(tmp.resolve("state"));
        try (LoopFs fs = LoopFs.create(registry, "btrfs", 512, null)) {
            Path seqres = tmp.resolve("results/generic/708");
            ExpectationLog log = ExpectationLog.create(seqres);
            Path dst = fs.file("dst");
            DirectIo.write(log, dst, 0, 4 << 20, Pattern.seeded(708));
            fallocate(dst, PUNCH_HOLE | KEEP_SIZE, 1 << 20, 1 << 20);
            fs.unmount();
            fs.mount();

            GapReport report = GapVerifier.create().verify(ExpectationLog.load(seqres).orElseThrow());
            assertEquals(List.of("zero-filled gap at [1048576, 2097152) in dst: hole in FIEMAP"), report.lines());
            assertEquals(4 << 20, report.bytesChecked());
            Path gaps = report.write(seqres);
            System.out.println(Files.readString(gaps));
        }
    }

    @Test
    void acknowledgedBytesOverAnUnwrittenExtentAreAZeroFilledGap() throws Exception {
        assumeTrue(LoopFs.available("btrfs"), "needs root, losetup, mkfs.btrfs");
        Registry registry = Registry.open(tmp.resolve("state"));
        try (LoopFs fs = LoopFs.create(registry, "btrfs", 512, null)) {
            ExpectationLog log = ExpectationLog.inMemory();
            Path f = fs.file("prealloc");
            DirectIo.write(log, f, 0, 64 << 10, Pattern.fill(0x11));
            fallocate(f, 0, 64 << 10, 1 << 20);
            // What a device that drops writes while acknowledging them leaves: the call "returned"
            // 256 KiB, the extent stayed unwritten.
            log.record(f, 128 << 10, 256 << 10, Pattern.fill(0x22), 256 << 10);
            fs.unmount();
            fs.mount();
            GapReport report = GapVerifier.create().verify(log);
            assertEquals(List.of("zero-filled gap at [131072, 393216) in prealloc: unwritten extent in FIEMAP"),
                    report.lines());
        }
    }

    @Test
    void oldDeviceContentIsStaleDataWithTheMappedExtent() throws Exception {
        assumeTrue(LoopFs.available("ext4"), "needs root, losetup, mkfs.ext4");
        Registry registry = Registry.open(tmp.resolve("state"));
        try (LoopFs fs = LoopFs.create(registry, "ext4", 64, 0xcd, "-E", "nodiscard")) {
            ExpectationLog log = ExpectationLog.inMemory().staleDevicePattern(Pattern.fill(0xcd));
            Path f = fs.file("f");
            DirectIo.write(log, f, 0, 1 << 20, Pattern.seeded(3));
            List<Fiemap.Extent> ext = Fiemap.of(f);
            assertTrue(!ext.isEmpty() && !ext.get(0).unwritten(), ext::toString);
            long phys = ext.get(0).physical() + (256 << 10);
            fs.unmount();
            // the device "returns old contents" for [256 KiB, 512 KiB) of the file
            try (RandomAccessFile dev = new RandomAccessFile(fs.device, "rw")) {
                dev.seek(phys);
                byte[] old = new byte[256 << 10];
                java.util.Arrays.fill(old, (byte) 0xcd);
                dev.write(old);
                dev.getFD().sync();
            }
            fs.mount();
            GapReport report = GapVerifier.create().verify(log);
            assertEquals(List.of("stale data at [262144, 524288) in f: mapped extent at " + phys + " in FIEMAP"),
                    report.lines());
        }
    }

    static void fallocate(Path file, int mode, long off, long len) throws java.io.IOException {
        int fd = LibC.INSTANCE.open(file.toString(), LibC.O_RDWR, 0);
        try {
            if (LibC.INSTANCE.fallocate(fd, mode, off, len) != 0) {
                throw new java.io.IOException("fallocate " + file + ": " + LibC.describe(LibC.errno()));
            }
        } finally {
            LibC.INSTANCE.close(fd);
        }
    }
}
