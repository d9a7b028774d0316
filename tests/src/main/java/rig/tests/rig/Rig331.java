package rig.tests.rig;

import rig.check.api.Fstest;
import rig.check.api.NotRunException;

/**
 * rig/330 made to fail: the device stops completing writes, so both loops block in the kernel. The
 * runner must end the test as hung and name the blocked tasks and where they wait. Group broken:
 * BrokenVariantIT asserts it.
 */
@Fstest(id = "rig/331", groups = {"broken", "dsync", "alone"}, timeoutSeconds = 60, directWrites = true)
public class Rig331 extends Rig330 {

    @Override
    protected void slowDevice() throws Exception {
        if (!delay().stallWrites()) {
            throw new NotRunException("this scratch device cannot stall its writes (a Java device or dm can)");
        }
    }
}
