package rig.tests.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rig.sys.Exec;

/** ./check with a configuration naming devices: this test's own loop devices. */
class ConfiguredDevicesIT {

    @TempDir
    Path tmp;

    private final List<String> loops = new ArrayList<>();
    private final List<Path> files = new ArrayList<>();
    private final List<Path> mounts = new ArrayList<>();
    private String testDev;
    private String scratchDev;
    private Path testDir;
    private Path scratchMnt;

    @BeforeEach
    void devices() throws Exception {
        Assumptions.assumeTrue(Cli.root(), "needs root for loop devices");
        testDev = loop("a");
        scratchDev = loop("b");
        Exec.run(Duration.ofMinutes(1), "mkfs.btrfs", "-f", "-q", testDev).orThrow();
        testDir = Files.createDirectories(tmp.resolve("test"));
        scratchMnt = Files.createDirectories(tmp.resolve("scratch"));
    }

    private String loop(String name) throws Exception {
        Path f = Path.of("/dev/shm/rig-it-" + ProcessHandle.current().pid() + "-" + name + ".img");
        files.add(f);
        try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
            r.setLength(1L << 30);
        }
        String dev = Exec.run(Duration.ofSeconds(30), "losetup", "--find", "--show", f.toString()).orThrow().stdout().strip();
        loops.add(dev);
        return dev;
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (Path m : mounts) {
            Exec.run(Duration.ofSeconds(30), "umount", m.toString());
        }
        for (String l : loops) {
            Exec.run(Duration.ofSeconds(30), "losetup", "-d", l);
        }
        for (Path f : files) {
            Files.deleteIfExists(f);
        }
    }

    private Path config(String text) throws Exception {
        return Files.writeString(tmp.resolve("local.config"), text);
    }

    @Test
    void runsASectionOnTheConfiguredDevices() throws Exception {
        Path cfg = config("""
                [first]
                FSTYP=ext4
                [it_btrfs]
                FSTYP=btrfs
                TEST_DEV=%s
                TEST_DIR=%s
                SCRATCH_DEV=%s
                SCRATCH_MNT=%s
                """.formatted(testDev, testDir, scratchDev, scratchMnt));
        Path results = tmp.resolve("results");
        Exec.Result r = Cli.check(results, Map.of("HOST_OPTIONS", cfg.toString()), "-s", "it_btrfs", "rig/001");
        assertEquals(0, r.exitCode(), Cli.describe(r));
        assertTrue(r.stdout().startsWith("SECTION       -- it_btrfs\nFSTYP         -- btrfs\n"), r.stdout());
        assertTrue(r.stdout().contains("MKFS_OPTIONS  -- " + scratchDev), r.stdout());
        assertTrue(Files.exists(results.resolve("it_btrfs/check.log")), "results go under the section's name");
        assertTrue(Files.exists(results.resolve("it_btrfs/rig/001.full")));
        assertTrue(!Files.readString(Path.of("/proc/self/mountinfo")).contains(" " + testDir + " "),
                "the runner unmounts the TEST_DEV it mounted");
    }

    @Test
    void refusesMissingNonBlockAndBusyDevices() throws Exception {
        Path results = tmp.resolve("results");
        Path regular = Files.writeString(tmp.resolve("plain-file"), "x");
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Exec.run(Duration.ofSeconds(30), "mount", testDev, elsewhere.toString()).orThrow();
        mounts.add(elsewhere);
        String[][] cases = {
            {"/dev/rig-no-such-device", "TEST_DEV=/dev/rig-no-such-device does not exist"},
            {regular.toString(), "TEST_DEV=" + regular + " is not a block device"},
            {testDev, "TEST_DEV=" + testDev + " is mounted on " + elsewhere},
        };
        for (String[] c : cases) {
            Path cfg = config("TEST_DEV=%s\nTEST_DIR=%s\nSCRATCH_DEV=%s\nSCRATCH_MNT=%s\n"
                    .formatted(c[0], testDir, scratchDev, scratchMnt));
            Exec.Result r = Cli.check(results, Map.of("HOST_OPTIONS", cfg.toString()), "rig/001");
            assertEquals(2, r.exitCode(), Cli.describe(r));
            assertTrue(r.stderr().startsWith("check: " + c[1]), Cli.describe(r));
        }
    }
}
