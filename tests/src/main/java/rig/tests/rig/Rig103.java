package rig.tests.rig;

import java.io.IOException;
import rig.check.api.Fstest;
import rig.tests.generic.Generic276;

/**
 * generic/276 made to fail: where it loads the error table, the device acknowledges the direct
 * CoW overwrite of the clone and drops it. 276 must notice: its transcript lacks "pwrite:
 * Input/output error". Group broken: BrokenVariantIT asserts the failure and the difference in
 * .out.bad.
 */
@Fstest(id = "rig/103", groups = {"broken"}, timeoutSeconds = 300,
        expectedKernelLog = {"direct IO failed", "errs: wr", "I/O error", "error writing", "write error"})
public class Rig103 extends Generic276 {

    @Override
    protected void injectError() throws IOException {
        LyingErrorTable.load(config(), flakey());
    }
}
