package rig.fstest.dm;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import rig.check.api.NotRunException;
import rig.devices.FaultyDevice;
import rig.devices.FaultyDevices;
import rig.devices.dm.DeviceMapper;
import rig.devices.java.JavaDevice;
import rig.fstest.Config;

/**
 * Opens the faulty device under the dmerror and flakey words: the rig's Java device when the
 * scratch device is one (its control socket in $RIG_SCRATCH_CONTROL, from the runner's
 * environment or the section), else device-mapper's error and flakey targets stacked on
 * SCRATCH_DEV. $RIG_DEVICE (auto, java, dm) chooses, through {@link FaultyDevices#choose}, the one
 * place that decides.
 */
public final class FaultDevices {
    public static final String CONTROL_ENV = JavaDevice.CONTROL_ENV;
    public static final String MODE_ENV = "RIG_DEVICE";

    /** What a dmerror or flakey instance holds while it is initialised. */
    public static final class Opened implements AutoCloseable {
        private final FaultyDevice device;
        private final JavaDevice javaDevice;

        Opened(FaultyDevice device, JavaDevice javaDevice) {
            this.device = device;
            this.javaDevice = javaDevice;
        }

        public FaultyDevice device() {
            return device;
        }

        /** Restores the working table and releases the control connection (never the scratch device). */
        @Override
        public void close() throws IOException {
            try {
                device.close();
            } finally {
                if (javaDevice != null) {
                    javaDevice.close();
                }
            }
        }
    }

    /** Opens the faulty device when a test first needs it. */
    @FunctionalInterface
    public interface Opener {
        Opened open() throws IOException;
    }

    private FaultDevices() {
    }

    /** The Java scratch device's control socket, or null when the scratch device is not the Java device. */
    public static Path controlSocket(Config cfg) {
        String s = cfg.get(CONTROL_ENV).orElse(System.getenv(CONTROL_ENV));
        return s == null || s.isBlank() ? null : Path.of(s);
    }

    /** Whether the dmerror and flakey words drive the rig's Java device (not device-mapper). */
    public static boolean javaDevice(Config cfg) {
        try {
            return FaultyDevices.choose(mode(cfg), controlSocket(cfg) != null).backend() == FaultyDevices.Backend.JAVA;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** null when the scratch device can stand in for dm target {@code target}; else why not. */
    public static String unavailable(Config cfg, String target) {
        FaultyDevices.Choice choice;
        try {
            choice = FaultyDevices.choose(mode(cfg), controlSocket(cfg) != null);
        } catch (IllegalArgumentException e) {
            return "dm target " + target + " not available (" + e.getMessage() + ")";
        }
        if (choice.backend() == FaultyDevices.Backend.JAVA) {
            return List.of("error", "flakey", "delay").contains(target) ? null
                    : "dm target " + target + " not available (the Java device serves error, flakey and delay)";
        }
        return DeviceMapper.probe().missing(java.util.List.of("linear", target))
                .map(why -> why.startsWith("dm target") ? why : "dm target " + target + " not available (" + why + ")")
                .orElse(null);
    }

    public static Opener opener(Config cfg, String scratchDev, PrintStream full) {
        return () -> {
            Path socket = controlSocket(cfg);
            JavaDevice jd = javaDevice(cfg) ? JavaDevice.connect(socket) : null;
            try {
                FaultyDevice d = FaultyDevices.open(Path.of(scratchDev), Optional.ofNullable(jd).map(JavaDevice::control),
                        mode(cfg));
                full.println("faulty device " + d.path() + " (" + d.backend() + "): " + d.choice());
                return new Opened(d, jd);
            } catch (IllegalArgumentException e) {
                if (jd != null) {
                    jd.close();
                }
                throw new NotRunException(e.getMessage());
            } catch (IOException | RuntimeException e) {
                if (jd != null) {
                    jd.close();
                }
                throw e;
            }
        };
    }

    private static String mode(Config cfg) {
        return cfg.get(MODE_ENV).orElse(Optional.ofNullable(System.getenv(MODE_ENV)).orElse("auto")).strip();
    }
}
