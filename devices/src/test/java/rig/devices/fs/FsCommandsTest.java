package rig.devices.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FsCommandsTest {

    /** fstests' _try_scratch_mkfs_sized (common/rc at 63a29724): the command line per FSTYP. */
    @Test
    void sizedMkfsAsFstestsMakesIt() {
        assertEquals(List.of("mkfs.btrfs", "-f", "-m", "single", "--mixed", "-b", "205520896", "/dev/loop1"),
                FsCommands.mkfsSized("btrfs", "/dev/loop1", FsCommands.words(" -m  single "), 196L << 20, List.of()));
        assertEquals(List.of("mkfs.btrfs", "-f", "-b", "268435456", "-K", "/dev/loop1"),
                FsCommands.mkfsSized("btrfs", "/dev/loop1", List.of(), 256L << 20, List.of("-K")));
        assertEquals(List.of("mkfs.xfs", "-f", "-d", "size=205520896", "-b", "size=4096", "/dev/loop1"),
                FsCommands.mkfsSized("xfs", "/dev/loop1", List.of(), 196L << 20, List.of()));
        assertEquals(List.of("mkfs.xfs", "-f", "-b", "size=1024", "-d", "size=205520896", "/dev/loop1"),
                FsCommands.mkfsSized("xfs", "/dev/loop1", FsCommands.words("-b size=1024"), 196L << 20, List.of()));
        assertEquals(List.of("mkfs.ext4", "-F", "-b", "4096", "/dev/loop1", "50176"),
                FsCommands.mkfsSized("ext4", "/dev/loop1", List.of(), 196L << 20, List.of()));
        assertEquals(List.of("mkfs.ext4", "-F", "-b", "1024", "-b", "1024", "/dev/loop1", "200704"),
                FsCommands.mkfsSized("ext4", "/dev/loop1", FsCommands.words("-b 1024"), 196L << 20, List.of()));
    }

    @Test
    void wholeDeviceMkfsAndRepair() {
        assertEquals(List.of("mkfs.ext4", "-F", "/dev/loop1"), FsCommands.mkfs("ext4", "/dev/loop1", List.of()));
        assertEquals(List.of("mkfs.btrfs", "-f", "-O", "^free-space-tree", "/dev/loop1"),
                FsCommands.mkfs("btrfs", "/dev/loop1", FsCommands.words("-O ^free-space-tree")));
        assertEquals(List.of("btrfs", "check", "--repair", "--force", "/dev/x"), FsCommands.repair("btrfs", "/dev/x").orElseThrow());
        assertEquals(List.of("xfs_repair", "/dev/x"), FsCommands.repair("xfs", "/dev/x").orElseThrow());
        assertEquals(List.of("fsck", "-t", "ext4", "-y", "-f", "/dev/x"), FsCommands.repair("ext4", "/dev/x").orElseThrow());
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
        var e = assertThrows(IllegalArgumentException.class, () -> FsCommands.mkfs("zfs", "/dev/x", List.of()));
        assertEquals("FSTYP=zfs is not supported by the rig (use btrfs, xfs, ext2, ext3 or ext4)", e.getMessage());
    }
}
