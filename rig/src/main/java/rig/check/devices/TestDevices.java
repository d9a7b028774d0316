package rig.check.devices;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import rig.config.Section;
import rig.devices.own.Registry;

/**
 * The TEST and SCRATCH devices of one section: either those the configuration names (checked,
 * TEST_DEV mounted on TEST_DIR if it is not yet), or, for the embedded default, devices the rig
 * creates and owns. {@link #section()} is the section with TEST_DEV, TEST_DIR, SCRATCH_DEV and
 * SCRATCH_MNT filled in.
 */
public interface TestDevices extends AutoCloseable {

    Section section();

    /** Facts for the xunit properties and the console header (backing, sizes, ...). */
    Map<String, String> facts();

    /** Environment for the worker JVM (e.g. RIG_SCRATCH_CONTROL of the Java device). */
    default Map<String, String> workerEnvironment() {
        return Map.of();
    }

    /**
     * After a hung test whose worker did not die of SIGKILL (a task in uninterruptible sleep on
     * the device): aborts the faulty device so the kernel lets go. Returns what was done.
     */
    default java.util.Optional<String> unstick() {
        return java.util.Optional.empty();
    }

    /**
     * The control of the Java device serving SCRATCH (counters, stalls, journal), when the
     * section names one ({@value rig.devices.java.JavaDevice#CONTROL_ENV}); empty for a plain
     * device or when its server does not answer.
     */
    default java.util.Optional<rig.devices.DeviceControl> scratchControl() {
        String socket = section().get(rig.devices.java.JavaDevice.CONTROL_ENV, "");
        if (socket.isBlank() || !java.nio.file.Files.exists(Path.of(socket))) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(rig.devices.java.JavaDevice.connect(Path.of(socket)).control());
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    /** Before each test: rebuilds what {@link #unstick()} broke. */
    default void beforeTest() throws IOException {
    }

    @Override
    void close();

    static TestDevices prepare(Section section, boolean embedded, Registry registry) throws IOException {
        return prepare(section, embedded, registry, 0);
    }

    /** The devices of -j lane {@code lane} (0 for a run without -j); configured devices have one lane only. */
    static TestDevices prepare(Section section, boolean embedded, Registry registry, int lane) throws IOException {
        if (!embedded && lane > 0) {
            throw new IllegalArgumentException("configured devices have one lane");
        }
        return embedded ? EmbeddedDevices.create(section, registry, lane) : ConfiguredDevices.check(section, registry);
    }

    static Path scratchMount(Section s) {
        return Path.of(s.get("SCRATCH_MNT", "/mnt/scratch"));
    }
}
