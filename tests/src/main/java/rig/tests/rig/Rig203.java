package rig.tests.rig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import rig.check.api.Fstest;
import rig.check.api.NotRunException;
import rig.check.api.NumberedTest;
import rig.check.api.TestEnv;
import rig.devices.java.JavaDevice;
import rig.devices.own.Claim;
import rig.devices.own.Registry;
import rig.devices.fs.FsCommands;
import rig.sys.Exec;

/**
 * A real hang, left to the runner (group "broken": it fails by design, "timed out"): btrfs
 * (nodatasum, so O_DIRECT stays direct) on the Java device with every write stalled; a direct
 * write and then a syncfs block for good. The runner must time the test out, kill the worker,
 * sweep the device (server killed, FUSE connection aborted, loop detached, mount detached) and
 * go on; the checkers must name the hung ordered extent (ino 257, [0, 1 MiB), added by dd) and
 * the blocked tasks. Nothing of it may be left on the host afterwards.
 */
@Fstest(id = "rig/203", groups = {"broken", "hang"}, timeoutSeconds = 20)
public final class Rig203 implements NumberedTest {

    private static final Duration T = Duration.ofSeconds(60);

    @Override
    public void run(TestEnv env) throws Exception {
        if (!Exec.onPath("mkfs.btrfs") || !Files.exists(Path.of("/dev/fuse"))) {
            throw new NotRunException("needs mkfs.btrfs and /dev/fuse");
        }
        Registry registry = Registry.open();
        JavaDevice device = JavaDevice.create(registry, new JavaDevice.Settings("rig203-" + ProcessHandle.current().pid(),
                256L << 20, JavaDevice.DEFAULT_BACKING_DIR));
        env.full().println(FsCommands.format(T, "btrfs", device.path().toString(), null).orThrow().output());
        Path mnt = Files.createTempDirectory("rig-203-");
        registry.claim(Claim.Kind.DIRECTORY, mnt.toString());
        Exec.run(T, "mount", "-o", "nodatasum", device.path().toString(), mnt.toString()).orThrow();
        registry.claim(Claim.Kind.MOUNT, mnt.toString());
        device.control().loadTable("0 - stall write\n");
        env.out().println("stalled every write of the device");
        Thread dd = new Thread(() -> {
            try {
                Exec.run(Duration.ofHours(1), "dd", "if=/dev/zero", "of=" + mnt.resolve("f"), "bs=1M", "count=1",
                        "oflag=direct");
            } catch (Exception ignored) {
                // killed with the worker
            }
        }, "rig203-dd");
        dd.start();
        Thread.sleep(500);
        Exec.run(Duration.ofHours(1), "sync", "-f", mnt.toString());
        env.out().println("syncfs returned (it must not while the stall holds)");
    }
}
