package rig.tests.rig;

import java.io.IOException;
import rig.check.api.Fstest;
import rig.tests.generic.Generic250;

/**
 * generic/250 made to fail: where it loads the error table, the device acknowledges the direct
 * write and drops it. 250 must notice: no "pwrite: Input/output error", and its gap verifier
 * names the acknowledged bytes that read back as zeros. Group broken: BrokenVariantIT asserts
 * the failure and the difference in .out.bad.
 */
@Fstest(id = "rig/102", groups = {"broken"}, timeoutSeconds = 300,
        expectedKernelLog = {"direct IO failed", "errs: wr", "I/O error", "error writing", "write error"})
public class Rig102 extends Generic250 {

    @Override
    protected void injectError() throws IOException {
        LyingErrorTable.load(config(), flakey());
    }
}
