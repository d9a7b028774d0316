package rig.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One configuration section: fstests' {@code [name]} block of {@code VAR=value} lines, with the
 * variables it inherited from earlier sections and the environment overrides applied.
 * {@code named} is false for a configuration without {@code [section]} headers (results then go
 * straight into RESULT_BASE, as fstests does).
 */
public record Section(String name, Map<String, String> vars, boolean named) {

    /** The section name used when a configuration has no [section] headers (fstests' xunit name). */
    public static final String UNNAMED = "global";

    public Section {
        vars = Collections.unmodifiableMap(new LinkedHashMap<>(vars));
    }

    public Optional<String> get(String var) {
        return Optional.ofNullable(vars.get(var)).filter(v -> !v.isEmpty());
    }

    /** FSTYP, defaulting to {@link Configuration#DEFAULT_FSTYP} as the embedded default does. */
    public String fstyp() {
        return get("FSTYP", Configuration.DEFAULT_FSTYP);
    }

    public String get(String var, String fallback) {
        return get(var).orElse(fallback);
    }

    /**
     * True when the section names neither TEST_DEV nor SCRATCH_DEV: the rig creates and owns
     * them (the embedded default; also each section of a matrix such as [btrfs] [xfs] [ext4]).
     */
    public boolean rigOwnedDevices() {
        return get("TEST_DEV").isEmpty() && get("SCRATCH_DEV").isEmpty();
    }

    /** A copy with {@code more} added (device paths filled in by the provisioner, ...). */
    public Section with(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(vars);
        all.putAll(more);
        return new Section(name, all, named);
    }
}
