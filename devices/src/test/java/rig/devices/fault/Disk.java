package rig.devices.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/** Test helpers: a fault engine over a backing file in a temp dir, aligned buffers, patterns. */
final class Disk {

    static final int SECTOR = 512;

    private Disk() {
    }

    static FaultEngine open(Path dir, long sectors) throws Exception {
        return FaultEngine.open(dir.resolve("disk-" + System.nanoTime() + ".img"), sectors * SECTOR);
    }

    static ByteBuffer buffer(int bytes) {
        return ByteBuffer.allocateDirect(((bytes + 4095) & ~4095) + 4096).alignedSlice(4096).limit(bytes);
    }

    static ByteBuffer filled(int sectors, int value) {
        ByteBuffer b = buffer(sectors * SECTOR);
        for (int i = 0; i < b.limit(); i++) {
            b.put(i, (byte) value);
        }
        return b;
    }

    static int write(FaultEngine dev, long sector, int sectors, int value) {
        return dev.write(sector * SECTOR, filled(sectors, value), false);
    }

    /** Reads sectors and returns, per sector, its first byte (and checks each sector is uniform). */
    static int[] pattern(FaultEngine dev, long sector, int sectors) {
        ByteBuffer b = buffer(sectors * SECTOR);
        assertEquals(0, dev.read(sector * SECTOR, b), "read " + sector + "+" + sectors);
        int[] out = new int[sectors];
        for (int s = 0; s < sectors; s++) {
            out[s] = b.get(s * SECTOR) & 0xff;
            for (int i = 1; i < SECTOR; i++) {
                assertEquals(out[s], b.get(s * SECTOR + i) & 0xff, "sector " + (sector + s) + " is not uniform");
            }
        }
        return out;
    }

    static int[] repeat(int value, int n) {
        int[] a = new int[n];
        java.util.Arrays.fill(a, value);
        return a;
    }

    static int[] concat(int[]... parts) {
        return java.util.Arrays.stream(parts).flatMapToInt(java.util.Arrays::stream).toArray();
    }
}
