package rig.check.api;

import java.util.List;

/**
 * A post-test (and while-running) checker, run by the runner process around every test:
 * ordered-extent ledger, blocked tasks, kernel log, fsck. {@link #start} runs before the test
 * body, {@link #poll} about once a second while it runs (also while it hangs), {@link #finish}
 * after it ended, passed, failed or timed out. Findings fail the test even when its
 * transcript matches.
 */
public interface Checker extends AutoCloseable {

    String name();

    void start(CheckContext ctx) throws Exception;

    default void poll(CheckContext ctx) throws Exception {
    }

    /** One line per finding, e.g. "hung ordered extent: root 5 ino 257 [0, 1048576) ..."; empty when clean. */
    List<String> finish(CheckContext ctx) throws Exception;

    /** What the checker knows now of a test that may be stuck (read after each poll); none by default. */
    default HangEvidence hangEvidence() {
        return HangEvidence.NONE;
    }

    /** Removes whatever the checker created (tracing instance, ...), also after a hang. */
    @Override
    default void close() throws Exception {
    }
}
