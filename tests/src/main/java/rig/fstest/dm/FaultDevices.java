package rig.fstest.dm;

import java.io.IOException;
import java.nio.file.Path;
import rig.check.api.NotRunException;
import rig.fstest.Config;

/**
 * Finds what injects faults into the scratch device: the Java device's control socket
 * ($RIG_SCRATCH_CONTROL, from the runner's environment or the section config).
 */
public final class FaultDevices {
    public static final String CONTROL_ENV = "RIG_SCRATCH_CONTROL";

    /** Opens the fault control of the scratch device when the test first needs it. */
    @FunctionalInterface
    public interface Opener {
        FaultInjector open() throws IOException;
    }

    private FaultDevices() {
    }

    /** The scratch device's control socket, or null when the scratch device is not a Java device. */
    public static Path controlSocket(Config cfg) {
        String s = cfg.get(CONTROL_ENV).orElse(System.getenv(CONTROL_ENV));
        return s == null || s.isBlank() ? null : Path.of(s);
    }

    /** Whether the scratch device can stand in for dm target {@code target}. */
    public static boolean supports(Config cfg, String target) {
        return controlSocket(cfg) != null && (target.equals("error") || target.equals("flakey"));
    }

    public static Opener opener(Config cfg, String target) {
        return () -> {
            Path socket = controlSocket(cfg);
            if (socket == null) {
                throw new NotRunException("dm target " + target + " not available");
            }
            throw new NotRunException("dm target " + target + " not available (the Java device client is not built yet)");
        };
    }
}
