package rig.devices.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FsCommandsTest {

    @Test
    void sizedMkfsPerFilesystem() {
        assertEquals(List.of("mkfs.btrfs", "-f", "-m", "single", "-b", "205520896", "/dev/loop1"),
                FsCommands.mkfs("btrfs", "/dev/loop1", FsCommands.words(" -m  single "), 196L << 20));
        assertEquals(List.of("mkfs.xfs", "-f", "-d", "size=205520896", "/dev/loop1"),
                FsCommands.mkfs("xfs", "/dev/loop1", List.of(), 196L << 20));
        assertEquals(List.of("mkfs.ext4", "-F", "-q", "/dev/loop1", "200704k"),
                FsCommands.mkfs("ext4", "/dev/loop1", List.of(), 196L << 20));
        assertEquals(List.of("mkfs.ext4", "-F", "-q", "/dev/loop1"), FsCommands.mkfs("ext4", "/dev/loop1", List.of(), 0));
    }

    @Test
    void fsckIsReadOnly() {
        assertEquals(List.of("btrfs", "check", "--readonly", "/dev/x"), FsCommands.fsck("btrfs", "/dev/x").orElseThrow());
        assertEquals(List.of("xfs_repair", "-n", "/dev/x"), FsCommands.fsck("xfs", "/dev/x").orElseThrow());
        assertEquals(List.of("e2fsck", "-fn", "/dev/x"), FsCommands.fsck("ext4", "/dev/x").orElseThrow());
        assertTrue(FsCommands.fsck("zfs", "/dev/x").isEmpty());
    }

    @Test
    void unknownFstypIsRefusedWithTheChoices() {
        var e = assertThrows(IllegalArgumentException.class, () -> FsCommands.mkfs("zfs", "/dev/x", List.of(), 0));
        assertEquals("FSTYP=zfs is not supported by the rig (use btrfs, xfs, ext2, ext3 or ext4)", e.getMessage());
    }
}
