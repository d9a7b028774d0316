package rig.fstest;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which dm targets the scratch device can stand in for: the Java device (its control socket is
 * in $RIG_SCRATCH_CONTROL) injects error and flakey faults; real device-mapper needs the
 * target's kernel module and dmsetup.
 */
final class FaultTargets {
    static final String CONTROL_ENV = "RIG_SCRATCH_CONTROL";

    private FaultTargets() {
    }

    static boolean available(Config cfg, String target) {
        if (javaDeviceControl(cfg) != null) {
            return target.equals("error") || target.equals("flakey");
        }
        return Files.isDirectory(Path.of("/sys/module/dm_mod")) && rig.sys.Exec.onPath("dmsetup")
                && Files.exists(Path.of("/sys/module/dm_" + target.replace('-', '_')));
    }

    /** The Java scratch device's control socket, from the config or the environment; null if none. */
    static Path javaDeviceControl(Config cfg) {
        String s = cfg.get(CONTROL_ENV).orElse(System.getenv(CONTROL_ENV));
        return s == null || s.isBlank() ? null : Path.of(s);
    }
}
