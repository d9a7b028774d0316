package rig.tests.rig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import rig.check.api.Fstest;
import rig.check.api.NotRunException;
import rig.check.api.NumberedTest;
import rig.check.api.TestEnv;
import rig.devices.own.Claim;
import rig.devices.own.Registry;
import rig.sys.LibC;

/**
 * Self-test of the runner's timeout: mounts a FUSE filesystem whose server never answers (this
 * process holds /dev/fuse and never reads it, so not even FUSE_INIT is answered) and stats a file
 * in it. The stat sleeps in the kernel (killable wait for the connection), which no thread
 * interrupt can end; the runner must report "timed out after 3s", kill the worker, sweep the
 * mount and go on.
 */
@Fstest(id = "rig/004", groups = {"selftest"}, timeoutSeconds = 3)
public final class Rig004 implements NumberedTest {

    private static final long MS_NOSUID = 2;
    private static final long MS_NODEV = 4;

    @Override
    public void run(TestEnv env) throws Exception {
        LibC libc = LibC.INSTANCE;
        int fd = libc.open("/dev/fuse", LibC.O_RDWR | LibC.O_CLOEXEC, 0);
        if (fd < 0) {
            throw new NotRunException("/dev/fuse cannot be opened: " + LibC.describe(LibC.errno()));
        }
        Registry registry = Registry.open();
        Path mnt = Files.createTempDirectory("rig-004-fuse-");
        Claim dir = registry.claim(Claim.Kind.DIRECTORY, mnt.toString());
        Claim fuse = registry.claim(Claim.Kind.FUSE_MOUNT, mnt.toString());
        boolean mounted = false;
        try {
            String data = "fd=" + fd + ",rootmode=40000,user_id=0,group_id=0";
            if (libc.mount("rig-004", mnt.toString(), "fuse", MS_NOSUID | MS_NODEV, data) != 0) {
                throw new NotRunException("cannot mount fuse: " + LibC.describe(LibC.errno()));
            }
            mounted = true;
            env.out().println("stat of a file on a FUSE mount whose server never answers");
            Files.readAttributes(mnt.resolve("never-answered"), BasicFileAttributes.class);
            env.out().println("stat returned: the kernel did not block");
        } finally {
            if (mounted) {
                libc.umount2(mnt.toString(), 2);
            }
            libc.close(fd);
            registry.release(fuse);
            Files.deleteIfExists(mnt);
            registry.release(dir);
        }
    }
}
