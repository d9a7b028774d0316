package rig.devices.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import rig.sys.Exec;

class JavaDeviceDevIT {
    @Test
    void createsAndTearsDown() throws Exception {
        var s = new JavaDevice.Settings("devit", 256L << 20, Path.of("/dev/shm"))
                .withServerMainClass(PassThroughEngine.class.getName());
        try (JavaDevice d = JavaDevice.create(s)) {
            System.out.println(d);
            assertTrue(Files.exists(d.path()));
            Exec.run(Duration.ofSeconds(60), "mkfs.btrfs", "-f", "-q", d.path().toString()).orThrow();
            System.out.println(d.control().counters());
            System.out.println(JavaDevice.connect(d.controlSocket()));
        }
    }
}
