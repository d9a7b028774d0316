package rig.fstest;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import rig.check.api.NotRunException;

/** The section's variables a test reads (FSTYP, TEST_DEV, TEST_DIR, SCRATCH_DEV, ...). */
public final class Config {
    private final Map<String, String> vars;

    public Config(Map<String, String> vars) {
        this.vars = Map.copyOf(vars);
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(vars.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    public String fstyp() {
        return get("FSTYP").orElse(rig.config.Configuration.DEFAULT_FSTYP);
    }

    public Optional<String> scratchDev() {
        return get("SCRATCH_DEV");
    }

    public Optional<Path> scratchMnt() {
        return get("SCRATCH_MNT").map(Path::of);
    }

    public Optional<String> testDev() {
        return get("TEST_DEV");
    }

    public Optional<Path> testDir() {
        return get("TEST_DIR").map(Path::of);
    }

    public String mkfsOptions() {
        return get("MKFS_OPTIONS").orElse("");
    }

    public String mountOptions() {
        return get("MOUNT_OPTIONS").orElse("");
    }

    /** A variable the test cannot do without; missing means the test is not run. */
    public String require(String name) {
        return get(name).orElseThrow(() -> new NotRunException(name + " not set"));
    }

    public Map<String, String> all() {
        return vars;
    }
}
