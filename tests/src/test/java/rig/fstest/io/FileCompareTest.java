package rig.fstest.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCompareTest {

    @Test
    void reportsZeroFilledAndDifferentRanges(@TempDir Path dir) throws Exception {
        byte[] a = new byte[3 * 1048576];
        java.util.Arrays.fill(a, (byte) 0xcd);
        byte[] b = a.clone();
        java.util.Arrays.fill(b, 1048576, 2097152, (byte) 0);
        b[5] = 7;
        Files.write(dir.resolve("src"), a);
        Files.write(dir.resolve("dst"), b);
        FileCompare.Result r = FileCompare.compare(dir.resolve("src"), dir.resolve("dst"));
        assertEquals(List.of(new FileCompare.Range(5, 6, false), new FileCompare.Range(1048576, 2097152, true)), r.ranges());
        assertEquals("1048577 bytes differ: different range [5, 6), zero-filled range [1048576, 2097152)", r.summary());
    }

    @Test
    void identicalFilesAndSizeDifference(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("a"), new byte[] {1, 2, 3});
        Files.write(dir.resolve("b"), new byte[] {1, 2, 3});
        Files.write(dir.resolve("c"), new byte[] {1, 2});
        assertTrue(FileCompare.compare(dir.resolve("a"), dir.resolve("b")).identical());
        assertEquals("sizes differ (3 and 2 bytes)", FileCompare.compare(dir.resolve("a"), dir.resolve("c")).summary());
    }

    @Test
    void differenceRunningToTheEnd(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("a"), new byte[] {1, 1, 1, 1});
        Files.write(dir.resolve("b"), new byte[] {1, 1, 0, 0});
        assertEquals(List.of(new FileCompare.Range(2, 4, true)),
                FileCompare.compare(dir.resolve("a"), dir.resolve("b")).ranges());
    }

    @Test
    void md5OfBytesMatchesMd5sum() {
        assertEquals("d41d8cd98f00b204e9800998ecf8427e", Md5.of(new byte[0]));
        assertEquals("3ed8  SCRATCH_MNT/x", Md5.line("3ed8", "SCRATCH_MNT/x"));
    }
}
