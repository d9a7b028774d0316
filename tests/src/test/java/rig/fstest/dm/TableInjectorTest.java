package rig.fstest.dm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableInjectorTest {

    @Test
    void errorTableListsBadRangesInSectorOrder() {
        assertEquals("8 8 error rw\n4096 2048 error rw\n",
                TableInjector.errorTable(List.of(new SectorRange(4096, 2048), new SectorRange(8, 8))));
    }

    @Test
    void emptyRangesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SectorRange(0, 0));
    }
}
