package rig.tests.rig;

import rig.check.api.Fstest;
import rig.check.api.NumberedTest;
import rig.check.api.TestEnv;

/** Self-test of the runner: this transcript differs from 002.out on purpose, to show .out.bad and the diff. */
@Fstest(id = "rig/002", groups = {"broken", "runner"})
public final class Rig002 implements NumberedTest {
    @Override
    public void run(TestEnv env) {
        env.out().println("this line matches");
        env.out().println("this line differs from 002.out on purpose");
    }
}
