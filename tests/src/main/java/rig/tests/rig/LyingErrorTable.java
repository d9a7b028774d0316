package rig.tests.rig;

import java.io.IOException;
import rig.check.api.NotRunException;
import rig.fstest.Config;
import rig.fstest.dm.DmFlakey;
import rig.fstest.dm.FaultDevices;

/**
 * What rig/102 and rig/103 load where generic/250 and generic/276 load dmerror's error table:
 * a device that lies, acknowledging the direct write and dropping it (flakey's drop writes).
 * Both tables live on the one Java device, so the test's later working table ends the lie; with
 * device-mapper the second target would stack on a busy SCRATCH_DEV, so it needs the Java device.
 */
final class LyingErrorTable {

    private LyingErrorTable() {
    }

    /** Loads the lie; "not run" where SCRATCH_DEV is not the Java device. */
    static void load(Config cfg, DmFlakey flakey) throws IOException {
        if (!FaultDevices.javaDevice(cfg)) {
            throw new NotRunException("a lying error table needs the rig's Java device as SCRATCH_DEV (not device-mapper)");
        }
        flakey.init();
        flakey.dropWrites();
    }
}
