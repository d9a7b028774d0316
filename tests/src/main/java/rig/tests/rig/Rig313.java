package rig.tests.rig;

import rig.check.api.Fstest;
import rig.fstest.io.DioBufFault;

/**
 * rig/311 (many partial direct writes from a mapping) on a scratch device that acknowledges the
 * copy's writes and drops them: the comparison must report that dst differs from src.
 * Group broken: BrokenVariantIT asserts the failure.
 */
@Fstest(id = "rig/313", groups = {"broken", "mmap", "dio"}, timeoutSeconds = 120, directWrites = true)
public class Rig313 extends PartialDio {
    @Override
    DioBufFault.Touch touch() {
        return DioBufFault.Touch.EVERY_OTHER_PAGE;
    }

    @Override
    boolean onALyingDevice() {
        return true;
    }
}
