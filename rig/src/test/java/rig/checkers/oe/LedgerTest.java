package rig.checkers.oe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import rig.checkers.gaps.WriteRecord;

/**
 * The parser and the ledger on lines captured from this kernel (6.18.44) through a private
 * tracefs instance: trace-6.18.44-dio-buffered-ok.txt (dd oflag=direct 2 MiB, a buffered
 * write, an xfs_io pwrite+fsync, umount) and trace-6.18.44-enospc-loop-ioerr.txt (btrfs on a
 * loop device over a file on a full 48 MiB tmpfs: data writes failed with EIO).
 */
class LedgerTest {

    static List<String> fixture(String name) throws IOException {
        try (InputStream in = LedgerTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    static Ledger ledgerOf(List<String> lines) {
        Ledger l = new Ledger();
        lines.stream().map(OeEvent::parse).flatMap(Optional::stream).forEach(l::accept);
        return l;
    }

    @Test
    void parsesAnAddLineWithEveryField() throws IOException {
        String line = fixture("trace-6.18.44-dio-buffered-ok.txt").stream()
                .filter(l -> l.contains("btrfs_ordered_extent_add")).findFirst().orElseThrow();
        OeEvent e = OeEvent.parse(line).orElseThrow();
        assertEquals("dd", e.task());
        assertEquals(6097, e.pid());
        assertEquals(352.742124, e.timestamp(), 1e-9);
        assertEquals(OeEvent.ADD, e.event());
        assertEquals("34b61c19-3537-4f4f-960d-295d443d5437", e.fsid());
        assertEquals(5, e.root());
        assertEquals(257, e.ino());
        assertEquals(0, e.fileOffset());
        assertEquals(1048576, e.len());
        assertEquals(1048576, e.bytesLeft());
        assertEquals(List.of("REGULAR"), e.flags());
        assertFalse(e.ioError());
    }

    @Test
    void parsesFinishOrderedExtentWhoseStartIsTheFileOffset() {
        OeEvent e = OeEvent.parse("    kworker/u8:1-32      [000] .....   352.789144: btrfs_finish_ordered_extent: "
                + "34b61c19-3537-4f4f-960d-295d443d5437: root=5(FS_TREE) ino=257 start=1048576 len=1048576 uptodate=1")
                .orElseThrow();
        assertEquals("kworker/u8:1", e.task());
        assertEquals(1048576, e.fileOffset());
        assertEquals(Boolean.TRUE, e.uptodate());
        assertFalse(e.ioError());
    }

    @Test
    void ignoresHeaderAndForeignLines() {
        assertTrue(OeEvent.parse("# entries-in-buffer/entries-written: 16/16   #P:2").isEmpty());
        assertTrue(OeEvent.parse("  <idle>-0 [001] d.h1. 10.0: sched_switch: prev_comm=a").isEmpty());
    }

    @Test
    void aCleanRunLeavesNothingOutstanding() throws IOException {
        Ledger l = ledgerOf(fixture("trace-6.18.44-dio-buffered-ok.txt"));
        assertEquals(16, l.events());
        assertEquals(4, l.counts().get(OeEvent.ADD));
        assertTrue(l.outstanding().isEmpty(), () -> "outstanding: " + l.outstanding().size());
        assertTrue(l.ioErrors().isEmpty());
    }

    @Test
    void anAddWithoutRemoveIsOutstandingWithItsDetails() throws IOException {
        List<String> lines = fixture("trace-6.18.44-dio-buffered-ok.txt").stream()
                .filter(s -> !(s.contains("btrfs_ordered_extent_remove") && s.contains("file_offset=1048576 start=14680064")))
                .toList();
        Ledger l = ledgerOf(lines);
        assertEquals(1, l.outstanding().size());
        Ledger.Entry e = l.outstanding().get(0);
        assertEquals(new Ledger.Key("34b61c19-3537-4f4f-960d-295d443d5437", 5, 257, 1048576), e.key());
        assertEquals(0, e.bytesLeft());
        assertEquals("REGULAR|IO_DONE", e.flags());
        assertEquals("dd:6097", e.addTask());
        String line = OeReport.hung(e, 362.788287);
        assertTrue(line.startsWith("hung ordered extent: fs 34b61c19-3537-4f4f-960d-295d443d5437 root 5 ino 257 "
                + "file offset 1048576 len 1048576 outstanding [1048576, 2097152) bytes_left 0 flags REGULAR|IO_DONE, "
                + "added by dd:6097, outstanding 10.0 s"), line);
    }

    @Test
    void ioerrFromTheEnospcCaptureIsRecordedWithItsRange() throws IOException {
        Ledger l = ledgerOf(fixture("trace-6.18.44-enospc-loop-ioerr.txt"));
        assertTrue(l.outstanding().isEmpty());
        List<Ledger.IoError> errs = l.ioErrors();
        assertFalse(errs.isEmpty());
        Ledger.IoError finish = errs.stream().filter(x -> x.event().equals(OeEvent.FINISH)).findFirst().orElseThrow();
        assertEquals(258, finish.ino());
        assertEquals(37748736, finish.start());
        assertEquals(37748736 + 1048576, finish.end());
    }

    @Test
    void ioerrOverAnAcknowledgedWriteIsAGapInTheMaking() throws IOException {
        Ledger l = ledgerOf(fixture("trace-6.18.44-enospc-loop-ioerr.txt"));
        List<WriteRecord> writes = List.of(
                new WriteRecord("/mnt/fill", 258, 0, 64 << 20, "seeded:1", 64 << 20),
                new WriteRecord("/mnt/other", 300, 37748736, 4096, "seeded:1", 4096));
        OeReport r = OeReport.of(l, 400, writes, fsid -> true, fsid -> java.util.Set.of());
        assertEquals(List.of("gap in the making: ino 258 [37748736, 38797312) of /mnt/fill finished with IOERR "
                + "although write #0 acknowledged it"), r.findings());
        assertTrue(r.findings().stream().noneMatch(f -> f.contains("/mnt/other")));
    }

    @Test
    void aFailedWriteOverTheIoerrRangeIsNoGap() throws IOException {
        Ledger l = ledgerOf(fixture("trace-6.18.44-enospc-loop-ioerr.txt"));
        List<WriteRecord> writes = List.of(new WriteRecord("/mnt/fill", 258, 37748736, 1 << 20, "seeded:1", -5));
        assertTrue(OeReport.of(l, 400, writes, fsid -> true, fsid -> java.util.Set.of()).findings().isEmpty());
    }

    @Test
    void splitPiecesAreRemovedRangeByRange() {
        String fs = "11111111-2222-3333-4444-555555555555";
        String common = " root=5(FS_TREE) ino=260 file_offset=%d start=%d len=%d disk_len=%d truncated_len=18446744073709551615 "
                + "bytes_left=%d flags=REGULAR|DIRECT compress_type=0 refs=1";
        Ledger l = new Ledger();
        // Lines shaped like the captured ones (same print fmt); the split event names the extent before the cut.
        l.accept(ev("xfs_io-1", 1.0, "btrfs_ordered_extent_add", fs, String.format(common, 0, 1 << 20, 4 << 20, 4 << 20, 4 << 20)));
        l.accept(ev("xfs_io-1", 1.1, "btrfs_ordered_extent_split", fs, String.format(common, 0, 1 << 20, 4 << 20, 4 << 20, 4 << 20)));
        l.accept(ev("kworker-9", 1.2, "btrfs_ordered_extent_remove", fs, String.format(common, 0, 1 << 20, 1 << 20, 1 << 20, 0)));
        assertEquals(1, l.outstanding().size());
        Ledger.Entry e = l.outstanding().get(0);
        assertEquals(1, e.splits());
        assertEquals(1 << 20, e.outstanding().get(0)[0]);
        assertEquals(4 << 20, e.outstanding().get(0)[1]);
        l.accept(ev("kworker-9", 1.3, "btrfs_ordered_extent_remove", fs,
                String.format(common, 1 << 20, 2 << 20, 3 << 20, 3 << 20, 0)));
        assertTrue(l.outstanding().isEmpty());
    }

    private static OeEvent ev(String task, double ts, String event, String fsid, String fields) {
        return OeEvent.parse(String.format("%s [000] ..... %.6f: %s: %s:%s", task, ts, event, fsid, fields)).orElseThrow();
    }

    /**
     * What a test exercised, by the flags its ordered extents were added with: dd oflag=direct to a file with
     * checksums adds REGULAR ordered extents on this kernel, never DIRECT (btrfs serves it as a buffered write).
     */
    @Test
    void countsOrderedExtentsByTheirFlagsAtAdd() throws IOException {
        Ledger l = ledgerOf(fixture("trace-6.18.44-dio-buffered-ok.txt"));
        assertEquals(java.util.Map.of("REGULAR", 4), l.addedByFlags(fsid -> true));
        assertEquals(java.util.Map.of(), l.addedByFlags(fsid -> false));
        assertEquals("REGULAR 4", OrderedExtentChecker.byFlags(l.addedByFlags(fsid -> true)));
        assertEquals("no flag 1, PREALLOC|DIRECT 2", OrderedExtentChecker.byFlags(
                new java.util.TreeMap<>(java.util.Map.of("-", 1, "PREALLOC|DIRECT", 2))));
        assertEquals("none", OrderedExtentChecker.byFlags(java.util.Map.of()));
    }
}
