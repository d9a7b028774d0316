package rig.tests.rig;

import rig.check.api.Fstest;
import rig.check.api.NumberedTest;
import rig.check.api.TestEnv;
import rig.checkers.kmsg.KmsgWindow;

/**
 * Positive control of the kernel-log checker: writes a harmless line shaped like a kernel
 * WARNING to /dev/kmsg (it names fs/rig/selftest.c, no real code). The checker must fail the
 * test with that line; the declared expectedFindings turn that into a pass, and its absence
 * into "expected checker finding missing".
 */
@Fstest(id = "rig/200", groups = {"selftest", "checkers"},
        expectedFindings = {"^dmesg: kernel log: WARNING: CPU: 0 PID: \\d+ at fs/rig/selftest\\.c:200 rig_selftest_warning"})
public final class Rig200 implements NumberedTest {

    @Override
    public void run(TestEnv env) throws Exception {
        KmsgWindow.write("WARNING: CPU: 0 PID: " + ProcessHandle.current().pid()
                + " at fs/rig/selftest.c:200 rig_selftest_warning+0x0/0x10 [rig selftest, not a kernel bug]");
        env.out().println("injected a WARNING-shaped line into the kernel log");
    }
}
