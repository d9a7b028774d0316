package rig.tests.rig;

import java.io.IOException;
import rig.check.api.Fstest;
import rig.check.api.NotRunException;

/**
 * rig/300 made to fail: the disk acknowledges flushes without making its cache durable (a disk
 * that lies about its write cache), so the power cut loses O_DSYNC writes the filesystem did
 * everything right for. The gap checker must name them. Group broken: BrokenVariantIT asserts it.
 */
@Fstest(id = "rig/301", groups = {"broken", "dsync", "powerfail"}, timeoutSeconds = 120, directWrites = true)
public class Rig301 extends Rig300 {

    @Override
    protected void diskCache() throws IOException {
        if (!flakey().dropFlushes()) {
            throw new NotRunException("a disk that drops flushes needs the rig's Java device as SCRATCH_DEV (not device-mapper)");
        }
    }
}
