package rig.devices.java;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import rig.devices.own.Claim;
import rig.devices.own.Registry;
import rig.sys.Exec;
import rig.sys.LibC;

/**
 * A process holding a Java device with ext4 mounted on it, until killed: what a rig killed
 * with SIGKILL mid-test leaves behind. Args: name, mount point, server main class, and
 * "in-process" to serve the device from this JVM (then server=PID is this process).
 * Prints "READY server=PID loop=/dev/loopN socket=PATH".
 */
public final class JavaDeviceHolderMain {

    public static void main(String[] args) throws Exception {
        Registry registry = Registry.open();
        var settings = new JavaDevice.Settings(args[0], 128L << 20, Path.of("/dev/shm")).withServerMainClass(args[2])
                .withServerInProcess(args.length > 3 && args[3].equals("in-process"));
        JavaDevice device = JavaDevice.create(registry, settings);
        Path mnt = Path.of(args[1]);
        Exec.run(Duration.ofSeconds(60), "mkfs.ext4", "-q", "-F", device.path().toString()).orThrow();
        registry.claim(Claim.Kind.MOUNT, mnt.toString());
        if (LibC.INSTANCE.mount(device.path().toString(), mnt.toString(), "ext4", 0, null) != 0) {
            throw new IllegalStateException("mount failed: " + LibC.describe(LibC.errno()));
        }
        Files.writeString(mnt.resolve("file"), "data");
        String server = JavaDevice.info((RemoteControl) device.control()).get("pid");
        System.out.println("READY server=" + server + " loop=" + device.path() + " socket=" + device.controlSocket());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
