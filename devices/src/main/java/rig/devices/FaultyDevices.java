package rig.devices;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import rig.devices.dm.DeviceMapper;
import rig.devices.dm.DmDevice;
import rig.devices.dm.DmSupport;
import rig.devices.own.Registry;
import rig.sys.Exec;

/**
 * Opens the {@link FaultyDevice} tests use, choosing the backend by {@code RIG_DEVICE}:
 * <ul>
 * <li>{@code java}: the scratch device is the Java device; tables go through its
 *   {@link DeviceControl}.</li>
 * <li>{@code dm}: a dm device ({@code rig-<pid>-<name>}) stacked on the scratch device, tables
 *   swapped with dmsetup; needs the linear, error and flakey targets.</li>
 * <li>{@code auto} (default): dm when the kernel has device-mapper and those targets, else java
 *   (saying "device-mapper not available in this kernel; using the Java device" on stderr).</li>
 * </ul>
 * An impossible choice is an {@link IllegalArgumentException} with a one-line cause and the fix.
 */
public final class FaultyDevices {

    private FaultyDevices() {
    }

    /** {@link #open(Path, Optional, String, String, Registry)} with the name "scratch" and the default registry. */
    public static FaultyDevice open(Path scratchDevice, Optional<DeviceControl> javaDeviceControl, String mode)
            throws IOException {
        return open(scratchDevice, javaDeviceControl, mode, "scratch", Registry.open());
    }

    public static FaultyDevice open(Path scratchDevice, Optional<DeviceControl> javaDeviceControl, String mode,
                                    String name, Registry registry) throws IOException {
        Choice c = choose(mode, javaDeviceControl.isPresent());
        if (c.notice() != null) {
            System.err.println(c.notice());
        }
        long sectors = sectors(scratchDevice);
        if (c.backend() == Backend.JAVA) {
            return new JavaFaultyDevice(scratchDevice, javaDeviceControl.orElseThrow(), sectors, c.why());
        }
        String lower = scratchDevice.toString();
        DmDevice dm = DmDevice.create(name, DmFaultyDevice.workingTable(lower, sectors), registry);
        return new DmFaultyDevice(dm, lower, sectors, c.why());
    }

    /** The two faulty devices the dmerror and flakey words can drive. */
    public enum Backend { JAVA, DM }

    /** The backend, why, and what to tell the user (null: nothing). */
    public record Choice(Backend backend, String why, String notice) {
    }

    /**
     * The one decision of which backend serves the fault words, for RIG_DEVICE {@code mode} when
     * the scratch device {@code javaDevice} is (or is not) the rig's Java device; an impossible
     * choice is an IllegalArgumentException with the cause and the fix.
     */
    public static Choice choose(String mode, boolean javaDevice) {
        return choose(mode, javaDevice, DeviceMapper::probe);
    }

    interface Probe {
        DmSupport probe();
    }

    static Choice choose(String mode, boolean javaDevice, Probe dm) {
        String m = mode == null || mode.isBlank() ? "auto" : mode.strip().toLowerCase(Locale.ROOT);
        switch (m) {
            case "java":
                if (!javaDevice) {
                    throw new IllegalArgumentException("RIG_DEVICE=java but the scratch device is not the rig's Java "
                            + "device (no device control); leave SCRATCH_DEV unset so the rig creates its Java device, "
                            + "or set RIG_DEVICE=auto");
                }
                return new Choice(Backend.JAVA, "RIG_DEVICE=java", null);
            case "dm": {
                Optional<String> missing = dm.probe().missing(DmSupport.DMERROR_AND_FLAKEY);
                if (missing.isPresent()) {
                    throw new IllegalArgumentException("RIG_DEVICE=dm but " + missing.get()
                            + "; set RIG_DEVICE=java (or auto), or run on a kernel with device-mapper (the vm engine)");
                }
                return new Choice(Backend.DM, "RIG_DEVICE=dm", null);
            }
            case "auto": {
                Optional<String> missing = dm.probe().missing(DmSupport.DMERROR_AND_FLAKEY);
                if (missing.isEmpty()) {
                    return new Choice(Backend.DM, "device-mapper available; using dm targets", null);
                }
                if (!javaDevice) {
                    throw new IllegalArgumentException(missing.get() + " and the scratch device is not the rig's Java "
                            + "device; leave SCRATCH_DEV unset so the rig creates its Java device, or use a kernel "
                            + "with device-mapper");
                }
                String why = missing.get() + "; using the Java device";
                return new Choice(Backend.JAVA, why, why);
            }
            default:
                throw new IllegalArgumentException("RIG_DEVICE=" + mode + " is not auto, java or dm; set one of them");
        }
    }

    /** Size in 512-byte sectors of a block device (sysfs, else blockdev --getsz) or of a regular file. */
    static long sectors(Path device) throws IOException {
        Path real = device.toRealPath();
        if (Files.isRegularFile(real)) {
            return Files.size(real) / 512;
        }
        Path sys = Path.of("/sys/class/block", real.getFileName().toString(), "size");
        if (Files.isReadable(sys)) {
            return Long.parseLong(Files.readString(sys).strip());
        }
        Exec.Result r = Exec.run(Duration.ofSeconds(30), "blockdev", "--getsz", real.toString()).orThrow();
        return Long.parseLong(r.stdout().strip());
    }
}
