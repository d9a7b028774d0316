package rig.checkers.gaps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import rig.sys.Fiemap;

class ExpectedContentTest {

    @Test
    void laterWritesOverlayEarlierOnesAndFailuresLeaveUnspecifiedRanges() {
        List<WriteRecord> writes = List.of(
                new WriteRecord("/m/f", 257, 0, 8192, "fill:0xaa", 8192),
                new WriteRecord("/m/f", 257, 4096, 8192, "seeded:3", 4096),   // short: [8192, 12288) not written
                new WriteRecord("/m/f", 257, 0, 1024, "fill:0x01", -5));       // EIO
        var segs = ExpectedContent.of(writes).files().get("/m/f");
        assertEquals(4, segs.size());
        assertEquals(List.of(0L, 1024L, 4096L, 8192L), segs.stream().map(ExpectedContent.Segment::start).toList());
        assertNull(segs.get(0).pattern());
        assertEquals("fill:0xaa", segs.get(1).pattern().spec());
        assertEquals(4096, segs.get(1).end());
        assertEquals("seeded:3", segs.get(2).pattern().spec());
        assertNull(segs.get(3).pattern());
        assertEquals(12288, segs.get(3).end());
    }

    @Test
    void seededPatternIsReproducibleByOffset() {
        Pattern p = Pattern.seeded(42);
        ByteBuffer a = ByteBuffer.allocate(100);
        p.fill(a, 1000);
        for (int i = 0; i < 100; i++) {
            assertEquals(p.at(1000 + i), a.get(i));
        }
        assertEquals(p, Pattern.parse(p.spec()));
        assertEquals(Pattern.fill(0xcd), Pattern.parse("fill:0xcd"));
        assertFalse(Pattern.parse("sha256:00").generates());
    }

    @Test
    void fiemapDescribesHolesUnwrittenAndMappedRanges() {
        List<Fiemap.Extent> ext = List.of(new Fiemap.Extent(0, 13631488, 1048576, 0),
                new Fiemap.Extent(2097152, 20971520, 1048576, Fiemap.EXTENT_UNWRITTEN | Fiemap.EXTENT_LAST));
        assertEquals("hole", Fiemap.describe(ext, 1048576, 2097152));
        assertEquals("unwritten extent", Fiemap.describe(ext, 2097152, 2101248));
        assertEquals("mapped extent at 13635584", Fiemap.describe(ext, 4096, 8192));
        assertEquals("mapped extent at 14155776 [524288, 1048576); hole [1048576, 2097152); unwritten extent "
                + "[2097152, 2621440)", Fiemap.describe(ext, 524288, 2621440));
        assertEquals("last|unwritten", ext.get(1).flagNames());
    }

    @Test
    void findingLineNamesRangeFileAndFiemapState() {
        GapFinding f = new GapFinding(GapFinding.Kind.ZERO, "/mnt/scratch/dst", 1048576, 2097152, "hole", "owed by write #0");
        assertEquals("zero-filled gap at [1048576, 2097152) in dst: hole in FIEMAP", f.line());
        assertTrue(f.detail().contains("/mnt/scratch/dst"));
    }
}
