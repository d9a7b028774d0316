package rig.devices.loop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import rig.devices.own.Claim;
import rig.devices.own.Registry;
import rig.sys.Exec;
import rig.sys.LibC;

/**
 * A process that attaches a loop device (and optionally mounts ext4 on it), says READY and
 * waits to be killed: what a rig killed with SIGKILL leaves behind. Args: backing file
 * [mount point]. Registry from $RIG_STATE_DIR.
 */
public final class LoopHolderMain {

    public static void main(String[] args) throws Exception {
        Registry registry = Registry.open();
        LoopDevice loop = LoopDevice.attach(registry, Path.of(args[0]), 512, true);
        if (args.length > 1) {
            Path mnt = Path.of(args[1]);
            Exec.run(Duration.ofSeconds(60), "mkfs.ext4", "-q", "-F", loop.path().toString()).orThrow();
            registry.claim(Claim.Kind.MOUNT, mnt.toString());
            if (LibC.INSTANCE.mount(loop.path().toString(), mnt.toString(), "ext4", 0, null) != 0) {
                throw new IllegalStateException("mount failed: " + LibC.describe(LibC.errno()));
            }
            Files.writeString(mnt.resolve("hello"), "held");
        }
        System.out.println("READY " + loop.path());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
