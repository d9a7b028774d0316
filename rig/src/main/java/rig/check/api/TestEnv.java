package rig.check.api;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the runner hands a numbered test: its identity, its configuration (the section's
 * variables: FSTYP, TEST_DEV, TEST_DIR, SCRATCH_DEV, SCRATCH_MNT, MKFS_OPTIONS, MOUNT_OPTIONS,
 * ...), its transcript and its results files.
 */
public interface TestEnv {
    /** "generic/250". */
    String id();

    /** "250". */
    default String seq() {
        return id().substring(id().indexOf('/') + 1);
    }

    /** The QA transcript, compared with the golden output; starts with "QA output created by NNN". */
    PrintStream out();

    /** The .full log: anything useful for a person reading a failure. */
    PrintStream full();

    /** results/[section/]suite/NNN without an extension: add ".full", ".dmesg", ... */
    Path seqres();

    /** The section's configuration variables, environment overrides applied. */
    Map<String, String> config();

    /** FSTYP of the section (btrfs, the embedded default's, when unset). */
    default String fstyp() {
        return config("FSTYP").orElse(rig.config.Configuration.DEFAULT_FSTYP);
    }

    default Optional<String> config(String name) {
        return Optional.ofNullable(config().get(name)).filter(v -> !v.isEmpty());
    }
}
