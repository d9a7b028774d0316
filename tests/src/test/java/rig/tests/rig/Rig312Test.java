package rig.tests.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What rig/312 accepts in each page after writing [0, 2 MiB) of its file to offset 1 MiB of itself. */
class Rig312Test {
    private static byte p(int page) {
        return PartialDio.pageByte(page);
    }

    @Test
    void pagesOutsideTheWriteAreUnchangedAndInsideItComeFromTheSourceOrFromWhatOverwroteIt() {
        assertEquals(List.of(p(0)), Rig312.allowed(0));
        assertEquals(List.of(p(255)), Rig312.allowed(255), "below 1 MiB: unchanged");
        assertEquals(List.of(p(0)), Rig312.allowed(256), "offset 1 MiB gets source page 0");
        assertEquals(List.of(p(344), p(88)), Rig312.allowed(600), "source page 344 may already hold page 88");
        assertEquals(List.of(p(768)), Rig312.allowed(768), "from 3 MiB: unchanged");
    }

    @Test
    void neighbouringPagesAndZeroAreTold() {
        for (int page = 0; page < 1024; page++) {
            assertNotEquals(0, p(page), "no page of the source is zero");
            assertNotEquals(p(page), p(page + 1));
        }
    }
}
