package rig.tests.rig;

import rig.check.api.Fstest;
import rig.fstest.stress.Stress;

/**
 * rig/350 with a verifier told other bytes than the last write of thread 0 put down: the
 * verification after the remount must name that file and range. Group broken: BrokenVariantIT.
 */
@Fstest(id = "rig/351", groups = {"broken", "stress", "alone"}, timeoutSeconds = 300)
public class Rig351 extends CacheDropStress {
    @Override
    Stress.Verifier verifier() {
        return Stress.Verifier.MISINFORMED;
    }
}
