package rig.fstest.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import rig.check.api.NotRunException;
import rig.check.api.NumberedTest;
import rig.devices.java.JavaDevice;
import rig.sys.Exec;
import rig.tests.generic.Generic250;
import rig.tests.generic.Generic276;
import rig.tests.rig.Rig100;
import rig.tests.rig.Rig101;

/**
 * generic/250 and 276 and the 708 controls on the Java device as SCRATCH_DEV (its control
 * socket handed over in the section, as the runner hands it in RIG_SCRATCH_CONTROL), TEST_DEV a
 * loop device: transcripts must equal the golden output, and the broken variant must differ.
 */
class FaultTestsIT {

    @ParameterizedTest
    @ValueSource(strings = {"btrfs", "xfs", "ext4"})
    void dmerrorTestsAndControlsOnTheJavaDevice(String fstyp) throws Exception {
        assumeTrue(Exec.onPath("mkfs." + fstyp), "mkfs." + fstyp + " not installed");
        assumeTrue(Files.exists(Path.of("/dev/fuse")), "no /dev/fuse");
        Path results = Files.createDirectories(Path.of("target", "it-results", "fault-" + fstyp));
        try (Scratchpad pad = new Scratchpad();
             JavaDevice dev = JavaDevice.create("testapi-" + ProcessHandle.current().pid(), 1L << 30)) {
            Map<String, String> cfg = new HashMap<>(pad.config(fstyp, 512L << 20));
            cfg.put("SCRATCH_DEV", dev.path().toString());
            cfg.put("RIG_SCRATCH_CONTROL", dev.controlSocket().toString());
            for (Class<? extends NumberedTest> t : java.util.List.of(Generic250.class, Generic276.class, Rig100.class)) {
                Harness.Outcome o;
                try {
                    o = Harness.run(t, cfg, results);
                } catch (NotRunException e) {
                    assertEquals("ext4", fstyp, t.getSimpleName() + " not run on " + fstyp + ": " + e.getMessage());
                    assertEquals("Reflink not supported by scratch filesystem type: ext4", e.getMessage());
                    continue;
                }
                assertEquals(o.golden(), o.transcript(), t.getSimpleName() + " on " + fstyp + "; .full:\n" + o.full());
                assertTrue(t == Rig100.class || o.noGaps(), t.getSimpleName() + " on " + fstyp + ": the gap verifier found lost data:\n" + o.full());
            }
            Harness.Outcome broken = Harness.run(Rig101.class, cfg, results);
            assertTrue(broken.transcript().startsWith(broken.golden()), broken.transcript());
            assertTrue(broken.transcript().contains("Binary files ") || broken.transcript().contains("diff: "),
                    broken.transcript());
            assertFalse(broken.noGaps(), "the gap verifier names the lost copy:\n" + broken.full());
        }
    }

    /** dmerror's bad ranges hit exactly the sectors FIEMAP names; flakey's drop-and-remount loses unsynced data. */
    @org.junit.jupiter.api.Test
    void markRangeBadAndDropAndRemountOnExt4() throws Exception {
        assumeTrue(Exec.onPath("mkfs.ext4"), "mkfs.ext4 not installed");
        assumeTrue(Files.exists(Path.of("/dev/fuse")), "no /dev/fuse");
        Path results = Files.createDirectories(Path.of("target", "it-results", "fault-api"));
        try (Scratchpad pad = new Scratchpad();
             JavaDevice dev = JavaDevice.create("testapi-api-" + ProcessHandle.current().pid(), 512L << 20)) {
            Map<String, String> cfg = new HashMap<>(pad.config("ext4", 256L << 20));
            cfg.put("SCRATCH_DEV", dev.path().toString());
            cfg.put("RIG_SCRATCH_CONTROL", dev.controlSocket().toString());
            Harness.run(new FstestApiIT.ApiTest(t -> {
                var dm = t.dm();
                t.scratchFs().mkfs();
                dm.init();
                dm.mount();
                Path f = t.scratchFs().mnt().resolve("f");
                var w = rig.fstest.io.Io.pwrite(f, rig.sys.LibC.O_CREAT | rig.sys.LibC.O_DIRECT,
                        rig.fstest.io.Pattern.of(0x61), 0, 1 << 20, 1 << 20);
                assertTrue(w.complete(), w.xfsIoLine());
                var extent = rig.sys.Fiemap.of(f).get(0);
                long badSector = extent.physical() / 512;
                dm.resetTable();
                dm.markRangeBad(badSector, 8);
                dm.loadErrorTable();
                try (var in = rig.fstest.io.OpenFile.open(f, rig.sys.LibC.O_RDONLY | rig.sys.LibC.O_DIRECT)) {
                    var buf = rig.fstest.io.AlignedBuffer.allocate(4096);
                    var bad = in.pread(buf.bytes(), 0);
                    assertEquals(rig.sys.Errno.EIO, bad.errno(), "the marked sectors fail: " + bad);
                    var good = in.pread(buf.bytes(), 65536);
                    assertEquals(4096, good.done(), "sectors not marked pass: " + good);
                    dm.loadWorkingTable();
                    assertEquals(4096, in.pread(buf.bytes(), 0).done());
                }
                dm.cleanup();

                var fl = t.fl();
                fl.init();
                fl.mount();
                Path lost = t.scratchFs().mnt().resolve("unsynced");
                rig.fstest.io.Io.pwrite(lost, rig.sys.LibC.O_CREAT, rig.fstest.io.Pattern.of(0x62), 0, 65536, 65536);
                fl.dropAndRemount();
                assertTrue(!Files.exists(lost) || Files.size(lost) == 0,
                        "a file never synced is gone after writes were dropped through the unmount");
                assertEquals(1 << 20, Files.size(f), "synced data survives");
            }), "rig/it", cfg, results);
        }
    }
}
