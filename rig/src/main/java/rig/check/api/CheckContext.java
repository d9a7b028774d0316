package rig.check.api;

import java.nio.file.Path;
import java.util.Map;

/** What a {@link Checker} knows of the test it checks. */
public interface CheckContext {
    /** "generic/250". */
    String id();

    /** results/[section/]suite/NNN without an extension; checkers add ".oe", ".dmesg", ... */
    Path seqres();

    /** The section's configuration (FSTYP, TEST_DEV, SCRATCH_DEV, ...). */
    Map<String, String> config();

    /** The test class's declaration (groups, timeout, expected kernel messages). */
    Fstest declaration();

    /** True once the runner has decided the test hung (timed out); checkers then save evidence. */
    boolean hung();
}
