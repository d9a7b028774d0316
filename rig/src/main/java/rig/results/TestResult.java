package rig.results;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One test's outcome. {@code message}: the not-run reason or the failure ("output mismatch (see
 * .../250.out.bad)", "timed out after 300s", a checker finding); {@code diff}: the first
 * DIFF_LENGTH lines of the transcript diff, or null.
 */
public record TestResult(String id, Status status, String message, String diff, long seconds,
                         Instant started, Path seqres) {

    public static TestResult pass(String id, long seconds, Instant started, Path seqres) {
        return new TestResult(id, Status.PASS, null, null, seconds, started, seqres);
    }

    public static TestResult notRun(String id, String reason, Instant started, Path seqres) {
        return new TestResult(id, Status.NOTRUN, reason, null, 0, started, seqres);
    }

    public static TestResult fail(String id, String message, String diff, long seconds, Instant started, Path seqres) {
        return new TestResult(id, Status.FAIL, message, diff, seconds, started, seqres);
    }

    public static TestResult interrupted(String id, String signal, long seconds, Instant started, Path seqres) {
        return new TestResult(id, Status.INTERRUPTED, "interrupted by " + signal, null, seconds, started, seqres);
    }

    public static TestResult expunged(String id, Path seqres) {
        return new TestResult(id, Status.EXPUNGED, null, null, 0, Instant.now(), seqres);
    }

    /** "250" of "generic/250". */
    public String seq() {
        return id.substring(id.indexOf('/') + 1);
    }
}
