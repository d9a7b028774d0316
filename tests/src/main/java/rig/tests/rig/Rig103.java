package rig.tests.rig;

import java.io.IOException;
import rig.check.api.Fstest;
import rig.tests.generic.Generic276;

/**
 * generic/276 made to fail: where it loads the error table, the device acknowledges the direct
 * CoW overwrite of the clone and drops it. The transcript cannot tell (the clone is deleted
 * unread); the gap checker, which reads the clone back before that, names the acknowledged bytes
 * that never reached the disk. Group broken: BrokenVariantIT asserts the failure.
 */
@Fstest(id = "rig/103", groups = {"broken"}, timeoutSeconds = 300,
        expectedKernelLog = {"direct IO failed", "errs: wr", "I/O error", "error writing", "write error"})
public class Rig103 extends Generic276 {

    @Override
    protected void injectError() throws IOException {
        LyingErrorTable.load(config(), flakey());
    }
}
