package rig.tests.rig;

import rig.check.api.Fstest;

/**
 * rig/320 where the error table should fail the copy's writes, on a device that acknowledges
 * them and drops them instead: the copy succeeds, and after the remount the gap checker must
 * name the acknowledged range of dst that never reached the disk. Group broken:
 * BrokenVariantIT asserts the failure.
 */
@Fstest(id = "rig/321", groups = {"broken", "mmap", "dio", "eio"}, timeoutSeconds = 120, directWrites = true,
        expectedKernelLog = {"direct IO failed", "errs: wr", "I/O error", "error writing", "write error", "csum failed",
            "checksum error"})
public class Rig321 extends Rig320 {
    @Override
    protected void injectError() throws Exception {
        LyingErrorTable.load(config(), flakey());
    }
}
