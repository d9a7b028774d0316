package rig.fstest.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MountsTest {

    @Test
    void parsesMountinfoWithOptionalFieldsAndEscapes() {
        List<Mounts.Entry> e = Mounts.parse(List.of(
                "36 35 98:0 /mnt1 /mnt/scratch rw,noatime master:1 - btrfs /dev/loop3 rw,space_cache=v2",
                "37 35 7:1 / /tmp/a\\040b rw - xfs /dev/loop4 rw"));
        assertEquals(new Mounts.Entry(Path.of("/mnt/scratch"), "/dev/loop3", "btrfs"), e.get(0));
        assertEquals(new Mounts.Entry(Path.of("/tmp/a b"), "/dev/loop4", "xfs"), e.get(1));
    }

    @Test
    void unescapeLeavesPlainBackslashes() {
        assertEquals("a\\b", Mounts.unescape("a\\b"));
        assertEquals("x\ty", Mounts.unescape("x\\011y"));
    }
}
