package rig.fstest.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import rig.fstest.Config;

class FiltersTest {
    private final Config cfg = new Config(Map.of("SCRATCH_DEV", "/dev/loop7", "SCRATCH_MNT", "/mnt/scratch/",
            "TEST_DEV", "/dev/loop70", "TEST_DIR", "/mnt/test"));

    @Test
    void md5LineShowsTheScratchPathAsFstestsDoes() {
        assertEquals("3ed8  SCRATCH_MNT/test-250/file2",
                Filters.scratch(cfg, "3ed8  /mnt/scratch/test-250/file2"));
    }

    @Test
    void onlyWholePathComponentsAreReplaced() {
        assertEquals("/mnt/scratch2/a SCRATCH_MNT", Filters.scratch(cfg, "/mnt/scratch2/a /mnt/scratch"));
        assertEquals("/x/mnt/scratch/a", Filters.scratch(cfg, "/x/mnt/scratch/a"));
    }

    @Test
    void devicesAreNamedWithoutEatingLongerNames() {
        assertEquals("mount SCRATCH_DEV on TEST_DIR, TEST_DEV too",
                Filters.all(cfg, "mount /dev/loop7 on /mnt/test, /dev/loop70 too"));
    }

    @Test
    void unsetVariablesLeaveTheTextAlone() {
        assertEquals("/mnt/scratch/x", Filters.scratch(new Config(Map.of()), "/mnt/scratch/x"));
    }
}
