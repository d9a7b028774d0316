package rig.devices.dm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rig.devices.own.Registry;
import rig.sys.Exec;

/** dmsetup against the real kernel: skipped, with the reason, where device-mapper is missing. */
class DmDeviceIT {

    @TempDir
    Path dir;

    @Test
    void createReloadErrorTableAndRemoveOverALoopDevice() throws Exception {
        DmSupport dm = DeviceMapper.probe(java.util.List.of("linear", "error", "flakey", "delay", "dust"));
        Assumptions.assumeTrue(dm.missing(java.util.List.of("linear", "error")).isEmpty(),
                () -> dm.missing(java.util.List.of("linear", "error")).orElse(""));
        Path img = dir.resolve("lower.img");
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            f.setLength(64L << 20);
        }
        String loop = Exec.run(Duration.ofSeconds(30), "losetup", "--find", "--show", img.toString()).orThrow()
                .stdout().strip();
        Registry registry = Registry.open(dir.resolve("state"));
        try {
            long sectors = 64L << 11;
            try (DmDevice dev = DmDevice.create("it", DmTable.linear(loop, sectors), registry)) {
                assertTrue(Files.exists(dev.path()), dev.path().toString());
                assertEquals(1, registry.claims().size());
                dev.reload(DmTable.builder().linear(0, 2048, loop, 0).error(2048, sectors - 2048).build(), true);
                assertTrue(dev.kernelTable().contains("2048 " + (sectors - 2048) + " error"), dev.kernelTable());
                Exec.Result w = Exec.run(Duration.ofSeconds(30), "dd", "if=/dev/zero", "of=" + dev.path(),
                        "bs=4096", "count=1", "seek=1024", "oflag=direct");
                assertFalse(w.ok(), "a direct write into the error range fails");
                dev.reload(DmTable.linear(loop, sectors), false);
            }
            assertEquals(0, registry.claims().size());
        } finally {
            Exec.run(Duration.ofSeconds(30), "losetup", "-d", loop);
        }
    }
}
