package rig.fstest.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class FsToolsTest {

    @Test
    void sizedMkfsPerFilesystem() {
        assertEquals(List.of("mkfs.btrfs", "-f", "-m", "single", "-b", "205520896", "/dev/loop1"),
                FsTools.mkfs("btrfs", "/dev/loop1", FsTools.words(" -m  single "), 196L << 20));
        assertEquals(List.of("mkfs.xfs", "-f", "-d", "size=205520896", "/dev/loop1"),
                FsTools.mkfs("xfs", "/dev/loop1", List.of(), 196L << 20));
        assertEquals(List.of("mkfs.ext4", "-F", "-q", "/dev/loop1", "200704k"),
                FsTools.mkfs("ext4", "/dev/loop1", List.of(), 196L << 20));
        assertEquals(List.of("mkfs.ext4", "-F", "-q", "/dev/loop1"), FsTools.mkfs("ext4", "/dev/loop1", List.of(), 0));
    }

    @Test
    void fsckIsReadOnly() {
        assertEquals(List.of("btrfs", "check", "--readonly", "/dev/x"), FsTools.fsck("btrfs", "/dev/x"));
        assertEquals(List.of("xfs_repair", "-n", "/dev/x"), FsTools.fsck("xfs", "/dev/x"));
        assertEquals(List.of("e2fsck", "-fn", "/dev/x"), FsTools.fsck("ext4", "/dev/x"));
    }

    @Test
    void unknownFstypIsRefusedWithTheChoices() {
        var e = assertThrows(IllegalArgumentException.class, () -> FsTools.mkfs("zfs", "/dev/x", List.of(), 0));
        assertEquals("FSTYP=zfs is not supported by the rig (use btrfs, xfs, ext2, ext3 or ext4)", e.getMessage());
    }
}
