package rig.tests.rig;

import rig.check.api.Fstest;

/**
 * rig/312 (a direct write from an overlapping mapping of the same file) on a scratch device that
 * acknowledges the write and drops it: the page check must name the pages that still hold
 * their old bytes. Group broken: BrokenVariantIT asserts the failure.
 */
@Fstest(id = "rig/314", groups = {"broken", "mmap", "dio"}, timeoutSeconds = 120, directWrites = true)
public class Rig314 extends Rig312 {
    @Override
    boolean onALyingDevice() {
        return true;
    }
}
