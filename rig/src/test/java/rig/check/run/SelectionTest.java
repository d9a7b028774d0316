package rig.check.run;

import rig.check.engine.TestClass;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rig.config.UserInputException;

class SelectionTest {

    private static final String PKG = "rig.check.fixtures";

    @TempDir
    Path dir;

    private static Selection.Spec spec(List<String> names, List<String> groups, List<String> exclude,
                                       List<String> expunge, Path expungeFile, boolean exact) {
        return new Selection.Spec(names, groups, exclude, expunge, expungeFile, exact, false, 0);
    }

    private static List<String> ids(Selection.Spec spec) {
        return Selection.resolve(spec, PKG).tests().stream().map(TestClass::id).toList();
    }

    @Test
    void noNamesNoGroupsIsGroupAutoSortedById() {
        assertEquals(List.of("btrfs/001", "btrfs/002", "generic/001", "generic/002", "generic/003"),
                ids(spec(List.of(), List.of(), List.of(), List.of(), null, false)));
    }

    @Test
    void groupsAreTagsAndExcludedGroupsWin() {
        assertEquals(List.of("btrfs/001", "generic/001", "generic/003"), ids(spec(List.of(), List.of("quick"), List.of(), List.of(), null, false)));
        assertEquals(List.of("btrfs/001", "generic/001"), ids(spec(List.of(), List.of("quick"), List.of("eio"), List.of(), null, false)));
        assertEquals(6, ids(spec(List.of(), List.of("all"), List.of(), List.of(), null, false)).size());
    }

    @Test
    void namesAndSuiteDirectoriesAddToGroups() {
        assertEquals(List.of("generic/010"), ids(spec(List.of("generic/010"), List.of(), List.of(), List.of(), null, false)));
        assertEquals(List.of("btrfs/001", "btrfs/002"), ids(spec(List.of("tests/btrfs/"), List.of(), List.of(), List.of(), null, false)));
        assertEquals(List.of("btrfs/001", "generic/001", "generic/003", "generic/010"),
                ids(spec(List.of("generic/010"), List.of("quick"), List.of(), List.of(), null, false)));
    }

    @Test
    void expungesFromOptionAndFileWithComments() throws IOException {
        Path file = Files.writeString(dir.resolve("expunged"), """
                # known failures on this kernel
                generic/002   # hangs in btrfs_wait_ordered_extents
                
                btrfs/002
                generic/999 # unknown names in an expunge file are ignored, as fstests does
                """);
        Selection.Result r = Selection.resolve(spec(List.of(), List.of(), List.of(), List.of("generic/003"), file, false), PKG);
        assertEquals(List.of("btrfs/001", "generic/001"), r.tests().stream().map(TestClass::id).toList());
        assertEquals(List.of("btrfs/002", "generic/002", "generic/003"), r.expunged().stream().map(TestClass::id).toList());
    }

    @Test
    void exactOrderKeepsTheOrderGiven() {
        assertEquals(List.of("generic/003", "btrfs/001", "generic/001"),
                ids(spec(List.of("generic/003", "btrfs/001", "generic/001"), List.of(), List.of(), List.of(), null, true)));
    }

    @Test
    void unknownNamesAndGroupsAreUsageErrors() {
        UserInputException name = assertThrows(UserInputException.class,
                () -> ids(spec(List.of("generic/999"), List.of(), List.of(), List.of(), null, false)));
        assertTrue(name.getMessage().contains("generic/999"), name.getMessage());
        UserInputException group = assertThrows(UserInputException.class,
                () -> ids(spec(List.of(), List.of("nosuchgroup"), List.of(), List.of(), null, false)));
        assertTrue(group.getMessage().contains("nosuchgroup"), group.getMessage());
        assertThrows(UserInputException.class, () -> ids(spec(List.of(), List.of(), List.of("nosuchgroup"), List.of(), null, false)));
    }
}
