package rig.devices.dm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DeviceMapperTest {

    @Test
    void udevCountsAsRunningOnlyWhenItsDaemonIsAProcess() {
        assertTrue(DeviceMapper.udevRunning(Stream.of("bash\n", "systemd-udevd\n", "java\n")));
        assertTrue(DeviceMapper.udevRunning(Stream.of("udevd\n")));
        assertFalse(DeviceMapper.udevRunning(Stream.of("bash\n", "udevadm\n", "java\n", "")),
                "a stale /run/udev/control is not a daemon: dmsetup must manage nodes itself (DM_DISABLE_UDEV=1)");
    }
}
