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

    /**
     * The processes whose descendants are the test's (the worker JVM and what it starts): the
     * runner itself when tests run one at a time, the lane's worker under {@code ./check -j N}.
     */
    default java.util.List<Long> processRoots() {
        return java.util.List.of(ProcessHandle.current().pid());
    }

    /**
     * True under {@code ./check -j N}: other tests run on the host at the same time, so what the
     * kernel shows host-wide (its log, kernel threads, other filesystems) is only the test's when
     * it names the test's devices or processes.
     */
    default boolean sharedHost() {
        return false;
    }
}
