package rig.checkers.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DeviceErrorCheckerTest {
    @Test
    void readsTheRigErrorsCounter() {
        assertEquals(2, DeviceErrorChecker.count("reads 10\nrig_errors 2\nstalled_now 0\n"));
        assertEquals(-1, DeviceErrorChecker.count("reads 10\n"), "an older device without the counter");
    }
}
