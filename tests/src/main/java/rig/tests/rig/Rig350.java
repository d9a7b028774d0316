package rig.tests.rig;

import rig.check.api.Fstest;
import rig.fstest.stress.Stress;

/** The cache-dropping stress (see {@link CacheDropStress}); the seed's filesystem is xfs: {@code FSTYP=xfs ./check rig/350}. */
@Fstest(id = "rig/350", groups = {"auto", "stress", "rw", "prealloc", "drop_caches", "alone"}, timeoutSeconds = 300)
public class Rig350 extends CacheDropStress {
    @Override
    Stress.Verifier verifier() {
        return Stress.Verifier.TOLD_THE_TRUTH;
    }
}
