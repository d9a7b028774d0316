package rig.devices.own;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MountsTest {

    @Test
    void parsesMountinfoLinesWithOptionalFieldsAndEscapes() {
        List<Mounts.Mount> m = Mounts.parse(List.of(
                "36 35 98:0 /mnt1 /mnt/with\\040space rw,noatime master:1 - ext3 /dev/root rw,errors=continue",
                "100 29 0:61 / /tmp/rig-dev-x/mnt rw,nosuid,nodev,relatime shared:55 - fuse.rig rig-java-x rw,user_id=0",
                "garbage line"));
        assertEquals(2, m.size());
        assertEquals(Path.of("/mnt/with space"), m.get(0).mountPoint());
        assertEquals("ext3", m.get(0).fsType());
        assertEquals(98, m.get(0).major());
        assertEquals(61, m.get(1).minor());
        assertEquals("fuse.rig", m.get(1).fsType());
        assertEquals("rig-java-x", m.get(1).source());
    }

    @Test
    void readsSourceAndTypeAfterTheOptionalFields() {
        List<Mounts.Mount> m = Mounts.parse(List.of(
                "36 35 98:0 /mnt1 /mnt/scratch rw,noatime master:1 - btrfs /dev/loop3 rw,space_cache=v2",
                "37 35 7:1 / /tmp/a\\040b rw - xfs /dev/loop4 rw"));
        assertEquals(new Mounts.Mount(98, 0, Path.of("/mnt/scratch"), "btrfs", "/dev/loop3"), m.get(0));
        assertEquals(new Mounts.Mount(7, 1, Path.of("/tmp/a b"), "xfs", "/dev/loop4"), m.get(1));
    }

    @Test
    void unescapesOctalAndLeavesOtherBackslashes() {
        assertEquals("a\\b", Mounts.unescape("a\\b"));
        assertEquals("x\ty", Mounts.unescape("x\\011y"));
        assertEquals("a b\tc\\d", Mounts.unescape("a\\040b\\011c\\134d"));
        assertEquals("x\\9", Mounts.unescape("x\\9"));
    }

    @Test
    void listsThisProcessRootMount() {
        // the real mountinfo of this process always has "/"
        assertEquals(true, Mounts.list().stream().anyMatch(x -> x.mountPoint().equals(Path.of("/"))));
    }

    @Test
    void anotherProcessesTableIsItsNamespacesAndAGoneProcessHasNone() {
        assertEquals(Mounts.list(), Mounts.of(ProcessHandle.current().pid()), "this process's own table, read by PID");
        assertEquals(List.of(), Mounts.of(Long.MAX_VALUE));
    }
}
