package rig.results;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One test's outcome. {@code failure}: why it failed (null unless FAIL); {@code culprit}: the
 * function a hung task waited in, when one did (else null); {@code message}: the not-run reason or
 * the failure in words ("output mismatch (see .../250.out.bad)", "timed out after 300s", a
 * checker finding); {@code diff}: the transcript diff, or null.
 */
public record TestResult(String id, Status status, FailureKind failure, String culprit, String message, String diff,
                         long seconds, Instant started, Path seqres) {

    public static TestResult pass(String id, long seconds, Instant started, Path seqres) {
        return new TestResult(id, Status.PASS, null, null, null, null, seconds, started, seqres);
    }

    public static TestResult notRun(String id, String reason, Instant started, Path seqres) {
        return new TestResult(id, Status.NOTRUN, null, null, reason, null, 0, started, seqres);
    }

    public static TestResult fail(String id, FailureKind failure, String message, String diff, long seconds,
                                  Instant started, Path seqres) {
        return new TestResult(id, Status.FAIL, failure, null, message, diff, seconds, started, seqres);
    }

    /** This result naming {@code function} as the culprit (the hung task's wait). */
    public TestResult withCulprit(String function) {
        return new TestResult(id, status, failure, function, message, diff, seconds, started, seqres);
    }

    public static TestResult interrupted(String id, String signal, long seconds, Instant started, Path seqres) {
        return new TestResult(id, Status.INTERRUPTED, null, null, "interrupted by " + signal, null, seconds, started, seqres);
    }

    public static TestResult expunged(String id, Path seqres) {
        return new TestResult(id, Status.EXPUNGED, null, null, null, null, 0, Instant.now(), seqres);
    }

    /** "250" of "generic/250". */
    public String seq() {
        return id.substring(id.indexOf('/') + 1);
    }
}
