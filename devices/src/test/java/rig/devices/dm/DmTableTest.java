package rig.devices.dm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class DmTableTest {

    @Test
    void linearAndError() {
        assertEquals("0 2097152 linear /dev/loop3 0\n", DmTable.linear("/dev/loop3", 2097152).text());
        assertEquals("0 2097152 error\n", DmTable.error(2097152).text());
    }

    @Test
    void flakeyWithAndWithoutFeatures() {
        assertEquals("0 1000 flakey /dev/loop3 0 180 0\n",
                DmTable.builder().flakey(0, 1000, "/dev/loop3", 0, 180, 0).build().text());
        assertEquals("0 1000 flakey /dev/loop3 0 0 180 1 drop_writes\n",
                DmTable.builder().flakey(0, 1000, "/dev/loop3", 0, 0, 180, "drop_writes").build().text());
    }

    @Test
    void delayAndDust() {
        assertEquals("0 1000 delay /dev/loop3 0 50\n",
                DmTable.builder().delay(0, 1000, "/dev/loop3", 0, 50, 50).build().text());
        assertEquals("0 1000 delay /dev/loop3 0 0 /dev/loop3 0 200\n",
                DmTable.builder().delay(0, 1000, "/dev/loop3", 0, 0, 200).build().text());
        assertEquals("0 1000 dust /dev/loop3 0 512\n",
                DmTable.builder().dust(0, 1000, "/dev/loop3", 0, 512).build().text());
    }

    @Test
    void multiLineTablesListTheirTargets() {
        DmTable t = DmTable.builder().linear(0, 100, "/dev/loop3", 0).error(100, 8).linear(108, 892, "/dev/loop3", 108)
                .build();
        assertEquals("0 100 linear /dev/loop3 0\n100 8 error\n108 892 linear /dev/loop3 108\n", t.text());
        assertEquals(List.of("linear", "error"), t.targets());
    }

    @Test
    void emptyOrNegativeRangesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> DmTable.builder().error(0, 0));
        assertThrows(IllegalArgumentException.class, () -> DmTable.builder().build());
        assertThrows(IllegalArgumentException.class, () -> DmDevice.fullName("bad name"));
        assertEquals("rig-" + ProcessHandle.current().pid() + "-scratch", DmDevice.fullName("scratch"));
    }
}
