package rig.checkers.gaps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verifier's classification on an ordinary file damaged on purpose (FIEMAP state aside). */
class GapVerifierTest {

    @TempDir
    Path tmp;

    private Path written(ExpectationLog log, String name, int size, Pattern p) throws Exception {
        Path f = tmp.resolve(name);
        ByteBuffer buf = ByteBuffer.allocate(size);
        p.fill(buf, 0);
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.write(buf.array());
        }
        log.record(f, 0, size, p, size);
        return f;
    }

    private static void overwrite(Path f, long off, int len, int value) throws Exception {
        byte[] b = new byte[len];
        Arrays.fill(b, (byte) value);
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.seek(off);
            raf.write(b);
        }
    }

    private static List<String> kindsAndRanges(GapReport r) {
        return r.lines().stream().map(l -> l.substring(0, l.indexOf(':'))).toList();
    }

    @Test
    void exactRangesOfZerosStaleAndWrongDataDespiteMatchingBytesInsideThem() throws Exception {
        ExpectationLog log = ExpectationLog.inMemory().staleDevicePattern(Pattern.fill(0xcd));
        Path f = written(log, "dst", 3 << 20, Pattern.seeded(11));
        overwrite(f, 1 << 20, 1 << 20, 0);
        overwrite(f, 100, 4096, 0xcd);
        overwrite(f, 2_500_000, 10, 0x01);
        GapReport r = GapVerifier.create().dropCaches(false).verify(log);
        assertEquals(List.of("stale data at [100, 4196) in dst", "zero-filled gap at [1048576, 2097152) in dst",
                "wrong data at [2500000, 2500010) in dst"), kindsAndRanges(r));
    }

    @Test
    void aShortFileIsMissingDataAndAFailedWriteOwesNothing() throws Exception {
        ExpectationLog log = ExpectationLog.inMemory();
        Path f = written(log, "f", 1 << 20, Pattern.fill(0x5a));
        log.record(f, 1 << 20, 1 << 20, Pattern.fill(0x5b), -5);
        log.record(f, 2 << 20, 4096, Pattern.fill(0x5c), 4096);
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength((1 << 20) - 512);
        }
        GapReport r = GapVerifier.create().dropCaches(false).verify(log);
        assertEquals(List.of("missing data (beyond EOF) at [1048064, 1048576) in f",
                "missing data (beyond EOF) at [2097152, 2101248) in f"), kindsAndRanges(r));
    }

    @Test
    void anIntactFileIsClean() throws Exception {
        ExpectationLog log = ExpectationLog.inMemory();
        written(log, "ok", (4 << 20) + 123, Pattern.seeded(5));
        GapReport r = GapVerifier.create().dropCaches(false).verify(log);
        assertEquals(List.of(), r.lines());
        assertEquals((4 << 20) + 123, r.bytesChecked());
    }
}
