package rig.tests.rig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.atomic.AtomicReference;
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
 * in it. The stat sleeps in the kernel (a killable wait for the connection), which no thread
 * interrupt can end; the runner must report "timed out after 3s", kill the worker and go on.
 * The mount lives in a private mount namespace of the thread that hangs, so no other process on
 * the host ever sees it (a mkfs scanning the mount table would hang on it too); it goes away with
 * the killed worker.
 */
@Fstest(id = "rig/004", groups = {"broken", "runner", "alone"}, timeoutSeconds = 3)
public final class Rig004 implements NumberedTest {

    private static final int CLONE_NEWNS = 0x00020000;
    private static final long MS_NOSUID = 2;
    private static final long MS_NODEV = 4;
    private static final long MS_REC = 16384;
    private static final long MS_PRIVATE = 1 << 18;

    @Override
    public void run(TestEnv env) throws Exception {
        Registry registry = Registry.open();
        Path mnt = Files.createTempDirectory("rig-004-fuse-");
        Claim dir = registry.claim(Claim.Kind.DIRECTORY, mnt.toString());
        AtomicReference<Exception> failure = new AtomicReference<>();
        // namespaces belong to threads: a thread of its own keeps the worker's other threads out of it
        Thread hang = new Thread(() -> {
            try {
                statInPrivateFuseMount(env, mnt);
            } catch (Exception e) {
                failure.set(e);
            }
        }, "rig-004-hang");
        try {
            hang.start();
            hang.join();
        } finally {
            Files.deleteIfExists(mnt);
            registry.release(dir);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    private static void statInPrivateFuseMount(TestEnv env, Path mnt) throws Exception {
        LibC libc = LibC.INSTANCE;
        if (libc.unshare(CLONE_NEWNS) != 0) {
            throw new NotRunException("cannot make a private mount namespace: " + LibC.describe(LibC.errno()));
        }
        if (libc.mount(null, "/", null, MS_REC | MS_PRIVATE, null) != 0) {
            throw new NotRunException("cannot make the private mount namespace private: " + LibC.describe(LibC.errno()));
        }
        int fd = libc.open("/dev/fuse", LibC.O_RDWR | LibC.O_CLOEXEC, 0);
        if (fd < 0) {
            throw new NotRunException("/dev/fuse cannot be opened: " + LibC.describe(LibC.errno()));
        }
        try {
            String data = "fd=" + fd + ",rootmode=40000,user_id=0,group_id=0";
            if (libc.mount("rig-004", mnt.toString(), "fuse", MS_NOSUID | MS_NODEV, data) != 0) {
                throw new NotRunException("cannot mount fuse: " + LibC.describe(LibC.errno()));
            }
            env.out().println("stat of a file on a FUSE mount whose server never answers");
            try {
                Files.readAttributes(mnt.resolve("never-answered"), BasicFileAttributes.class);
                env.out().println("stat returned: the kernel did not block");
            } finally {
                rig.sys.Unmount.lazily(mnt);
            }
        } finally {
            libc.close(fd);
        }
    }
}
