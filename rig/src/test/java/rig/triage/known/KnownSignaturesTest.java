package rig.triage.known;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import rig.triage.Kind;
import rig.triage.KnownFix;
import rig.triage.UnreadableInputException;

class KnownSignaturesTest {
    private final KnownSignatures table = KnownSignatures.defaults();

    @Test
    void hangWaitingOnOrderedExtentsAfterDirectIoFailedIsTheSplitFix() {
        KnownFix fix = table.match(Kind.HUNG_ORDERED_EXTENT, "btrfs_start_ordered_extent", Set.of("btrfs_dio_end_io"));
        assertEquals("b73a6fd1b1ef", fix.reference());
        assertEquals("btrfs: split partial dio bios before submit", fix.subject());
        assertNull(table.match(Kind.HUNG_ORDERED_EXTENT, "btrfs_start_ordered_extent", Set.of()),
                "without a failed direct write, the same hang is not known");
    }

    @Test
    void iomapWarningLinksTheThreadAndIoErrorsAreExpected() {
        KnownFix w = table.match(Kind.WARNING, "iomap_file_buffered_write_punch_delalloc", Set.of());
        assertEquals("link", w.verdict());
        assertTrue(w.reference().contains("20231216115559.3823359-1-leo.lilong@huawei.com"));
        assertTrue(table.match(Kind.IO_ERROR, "buffer_io_error", Set.of()).expected());
    }

    @Test
    void aBrokenUserTableIsRefusedNamingTheLine() {
        var e = assertThrows(UnreadableInputException.class,
                () -> KnownSignatures.parse("mine.tsv", List.of("# ok", "warning\tbtrfs_(\t-\tfix\tabc\tsubject")));
        assertTrue(e.getMessage().startsWith("mine.tsv line 2: bad regex"), e.getMessage());
        var e2 = assertThrows(UnreadableInputException.class,
                () -> KnownSignatures.parse("mine.tsv", List.of("warning\tx\t-\tmaybe\t-\tsubject")));
        assertTrue(e2.getMessage().contains("verdict 'maybe'"), e2.getMessage());
    }
}
