package rig.tests.rig;

import java.nio.ByteBuffer;
import rig.check.api.Fstest;
import rig.check.api.NotRunException;
import rig.check.api.NumberedTest;
import rig.check.api.TestEnv;
import rig.devices.java.JavaDevice;
import rig.sys.LibC;

/**
 * Self-test of the runner's recovery from a hang SIGKILL cannot end: the Java scratch device is
 * told to hold every request ("0 - stall"), then a direct read of SCRATCH_DEV waits for the block
 * layer in uninterruptible sleep. At the timeout the runner kills the worker, sees that it does
 * not die, aborts the device's FUSE connection (the read fails, the task exits), and rebuilds the
 * scratch device for the next test.
 */
@Fstest(id = "rig/005", groups = {"broken", "runner"}, timeoutSeconds = 3)
public final class Rig005 implements NumberedTest {

    @Override
    public void run(TestEnv env) throws Exception {
        String dev = env.config("SCRATCH_DEV").orElseThrow(() -> new NotRunException("this test requires a valid $SCRATCH_DEV"));
        if (env.config(JavaDevice.CONTROL_ENV).isEmpty() || System.getenv(JavaDevice.CONTROL_ENV) == null) {
            throw new NotRunException("this test requires the Java scratch device ($" + JavaDevice.CONTROL_ENV + ")");
        }
        JavaDevice device = JavaDevice.connectFromEnvironment();
        int fd = LibC.INSTANCE.open(dev, LibC.O_RDONLY | LibC.O_DIRECT | LibC.O_CLOEXEC, 0);
        if (fd < 0) {
            throw new NotRunException("cannot open " + dev + " with O_DIRECT: " + LibC.describe(LibC.errno()));
        }
        try {
            device.control().loadTable("0 - stall\n");
            env.out().println("direct read of a sector the device holds forever");
            ByteBuffer buf = ByteBuffer.allocateDirect(2 * 4096).alignedSlice(4096);
            long n = LibC.INSTANCE.pread(fd, buf, 4096, 0);
            env.out().println("read returned " + n + ": the device did not hold it");
        } finally {
            LibC.INSTANCE.close(fd);
            device.control().loadTable("");
        }
    }
}
