package rig.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** /sys/class/block/NAME/stat lines as 6.18 prints them (17 fields) and as 4.x did (11 fields). */
class BlockStatTest {

    @Test
    void completedCountsReadsWritesDiscardsAndFlushes() {
        BlockStat s = BlockStat.parse("    1200        3    96000      400      800       10    64000     900        2      700     1300"
                + "        5        0      40       0       7      12");
        assertEquals(1200 + 800 + 5 + 7, s.completed());
        assertEquals(2, s.inFlight());
    }

    @Test
    void olderKernelsHaveNoDiscardOrFlushFields() {
        BlockStat s = BlockStat.parse("  10 0 80 1 20 0 160 2 1 3 3");
        assertEquals(30, s.completed());
        assertEquals(1, s.inFlight());
    }
}
