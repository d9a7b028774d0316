package rig.tests.rig;

import rig.check.api.Fstest;
import rig.fstest.io.Pattern;

/**
 * Positive control of the gap verifier: the device drops the middle 2 MiB of a direct write to
 * a new file on a device that held 0xcd before mkfs; after a remount the verifier must report
 * exactly [1048576, 3145728) as stale data (the golden output is the assertion).
 */
@Fstest(id = "rig/206", groups = {"selftest", "checkers"}, timeoutSeconds = 120)
public final class Rig206 extends DroppedDirectWrite {

    @Override
    Pattern deviceBefore() {
        return Pattern.of(0xcd);
    }
}
