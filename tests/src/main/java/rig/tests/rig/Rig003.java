package rig.tests.rig;

import rig.check.api.Fstest;
import rig.check.api.NotRunException;
import rig.check.api.NumberedTest;
import rig.check.api.TestEnv;
import rig.sys.Exec;

/** Self-test of the runner: a requirement that is never met (a command no host has) makes it "not run". */
@Fstest(id = "rig/003", groups = {"runner"})
public final class Rig003 implements NumberedTest {

    static final String COMMAND = "rig-selftest-no-such-command";

    @Override
    public void run(TestEnv env) {
        if (!Exec.onPath(COMMAND)) {
            throw new NotRunException(COMMAND + " not found");
        }
        env.out().println(COMMAND + " exists on this host: the not-run self-test cannot show its point");
    }
}
