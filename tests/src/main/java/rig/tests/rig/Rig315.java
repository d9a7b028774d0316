package rig.tests.rig;

import rig.check.api.Fstest;
import rig.fstest.io.DioBufFault;

/**
 * rig/310 (a direct write from a mapping with no page faulted in) on a scratch device that
 * acknowledges the copy's writes and drops them: the comparison must report that dst differs
 * from src. Group broken: BrokenVariantIT asserts the failure.
 */
@Fstest(id = "rig/315", groups = {"broken", "mmap", "dio"}, timeoutSeconds = 120, directWrites = true)
public class Rig315 extends PartialDio {
    @Override
    DioBufFault.Touch touch() {
        return DioBufFault.Touch.NONE;
    }

    @Override
    boolean onALyingDevice() {
        return true;
    }
}
