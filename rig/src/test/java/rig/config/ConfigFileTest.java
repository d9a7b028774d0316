package rig.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigFileTest {

    private static List<Section> parse(String text, Map<String, String> env) {
        return ConfigFile.parse(text, "local.config", env::get);
    }

    @Test
    void withoutHeadersOneUnnamedSection() {
        List<Section> s = parse("""
                # a comment
                export FSTYP=xfs
                TEST_DEV=/dev/vdb   # trailing comment
                TEST_DIR="/mnt/test"
                MKFS_OPTIONS='-m crc=1 # not a comment'
                """, Map.of());
        assertEquals(1, s.size());
        assertFalse(s.get(0).named());
        assertEquals(Section.UNNAMED, s.get(0).name());
        assertEquals(Map.of("FSTYP", "xfs", "TEST_DEV", "/dev/vdb", "TEST_DIR", "/mnt/test",
                "MKFS_OPTIONS", "-m crc=1 # not a comment"), s.get(0).vars());
    }

    /** common/config's get_next_config: the *_OPTIONS of another FSTYP are not inherited. */
    @Test
    void optionsAreForgottenWhenTheFilesystemTypeChanges() {
        List<Section> s = parse("""
                [btrfs_compress]
                FSTYP=btrfs
                MKFS_OPTIONS="-O ^no-holes"
                MOUNT_OPTIONS="-o compress"
                [btrfs_nodatasum]
                MOUNT_OPTIONS="-o nodatasum"
                [xfs]
                FSTYP=xfs
                FSCK_OPTIONS=-n
                [xfs_again]
                MOUNT_OPTIONS="-o noatime"
                """, Map.of());
        assertEquals("-O ^no-holes", s.get(1).vars().get("MKFS_OPTIONS"), "same FSTYP: inherited");
        assertEquals("-o nodatasum", s.get(1).vars().get("MOUNT_OPTIONS"));
        assertFalse(s.get(2).vars().containsKey("MKFS_OPTIONS"), "btrfs' mkfs options are not xfs'");
        assertFalse(s.get(2).vars().containsKey("MOUNT_OPTIONS"));
        assertEquals("-n", s.get(2).vars().get("FSCK_OPTIONS"), "what the section sets itself stays");
        assertEquals("-n", s.get(3).vars().get("FSCK_OPTIONS"), "same FSTYP again: inherited");
        assertEquals("-o noatime", s.get(3).vars().get("MOUNT_OPTIONS"));
    }

    @Test
    void sectionsInheritFromEarlierSections() {
        List<Section> s = parse("""
                TEST_DIR=/mnt/test
                [btrfs]
                FSTYP=btrfs
                TEST_DEV=/dev/vdb
                [btrfs_compress]
                MOUNT_OPTIONS="-o compress"
                [ext4]
                FSTYP=ext4
                TEST_DEV=/dev/vdc
                """, Map.of());
        assertEquals(List.of("btrfs", "btrfs_compress", "ext4"), s.stream().map(Section::name).toList());
        assertTrue(s.get(0).named());
        assertEquals("/mnt/test", s.get(0).vars().get("TEST_DIR"));
        assertEquals("btrfs", s.get(1).vars().get("FSTYP"));
        assertEquals("-o compress", s.get(1).vars().get("MOUNT_OPTIONS"));
        assertEquals("ext4", s.get(2).vars().get("FSTYP"));
        assertEquals("/dev/vdc", s.get(2).vars().get("TEST_DEV"));
        assertEquals("/mnt/test", s.get(2).vars().get("TEST_DIR"), "inherited from the sections before");
        assertFalse(s.get(2).vars().containsKey("MOUNT_OPTIONS"), "but not btrfs' mount options (FSTYP changed)");
        assertFalse(s.get(0).vars().containsKey("MOUNT_OPTIONS"), "a later section does not leak backwards");
    }

    @Test
    void referencesExpandFromEarlierValuesThenTheEnvironment() {
        List<Section> s = parse("""
                BASE=/mnt
                TEST_DIR=$BASE/test
                SCRATCH_MNT=${BASE}/scratch
                RESULT_BASE=${HOME}/results
                """, Map.of("HOME", "/root"));
        assertEquals("/mnt/test", s.get(0).vars().get("TEST_DIR"));
        assertEquals("/mnt/scratch", s.get(0).vars().get("SCRATCH_MNT"));
        assertEquals("/root/results", s.get(0).vars().get("RESULT_BASE"));
    }

    @Test
    void malformedLinesAndDuplicateSectionsAreErrorsNamingTheLine() {
        UserInputException bad = assertThrows(UserInputException.class, () -> parse("FSTYP=btrfs\nthis is not config\n", Map.of()));
        assertTrue(bad.getMessage().startsWith("local.config:2: cannot parse"), bad.getMessage());
        UserInputException dup = assertThrows(UserInputException.class, () -> parse("[a]\nX=1\n[a]\nX=2\n", Map.of()));
        assertTrue(dup.getMessage().contains("section [a] defined twice"), dup.getMessage());
    }
}
