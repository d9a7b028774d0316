package rig.tests.rig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import rig.check.api.Fstest;
import rig.check.api.NotRunException;
import rig.check.api.NumberedTest;
import rig.check.api.TestEnv;
import rig.sys.Exec;

/**
 * Self-test of the hang recovery with stacked mounts: the test mounts SCRATCH_DEV on
 * SCRATCH_MNT, mounts a tmpfs over it, mounts another over that, then outlives its timeout.
 * Each lazy unmount takes off only the top mount, so the runner must detach until nothing is
 * mounted on SCRATCH_MNT; then the host is recovered and the run goes on (a stack left there
 * would stop the run with exit status 4). Group broken: CheckCliIT runs it before rig/001.
 */
@Fstest(id = "rig/006", groups = {"broken", "runner"}, timeoutSeconds = 3)
public final class Rig006 implements NumberedTest {

    @Override
    public void run(TestEnv env) throws Exception {
        String dev = env.config("SCRATCH_DEV").orElseThrow(() -> new NotRunException("this test requires a valid $SCRATCH_DEV"));
        String mnt = env.config("SCRATCH_MNT").orElseThrow(() -> new NotRunException("this test requires $SCRATCH_MNT"));
        mount("-t", env.fstyp(), dev, mnt);
        mount("-t", "tmpfs", "rig-006-over", mnt);
        mount("-t", "tmpfs", "rig-006-over-again", mnt);
        env.out().println("SCRATCH_MNT holds three stacked mounts; outliving the timeout");
        Thread.sleep(Long.MAX_VALUE);
    }

    private static void mount(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("mount"));
        command.addAll(List.of(args));
        Exec.run(Duration.ofSeconds(60), command).orThrow();
    }
}
