package rig.tests.rig;

import java.io.IOException;
import rig.check.api.Fstest;
import rig.tests.generic.Generic250;

/**
 * generic/250 made to fail: where it loads the error table, the device acknowledges the direct
 * write and drops it. 250 must notice: the gap checker names the acknowledged bytes that read back
 * as old device contents, and the second md5 differs. Group broken: BrokenVariantIT asserts both.
 */
@Fstest(id = "rig/102", groups = {"broken"}, timeoutSeconds = 300,
        expectedKernelLog = {"direct IO failed", "errs: wr", "I/O error", "error writing", "write error"})
public class Rig102 extends Generic250 {

    @Override
    protected void injectError() throws IOException {
        LyingErrorTable.load(config(), flakey());
    }
}
