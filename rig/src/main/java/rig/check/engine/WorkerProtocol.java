package rig.check.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/**
 * The pipe between the runner and its worker JVM: one JSON object per line. The runner sends a
 * {@link Request} on the worker's stdin; the worker answers "ready" once, then one "done"
 * {@link Reply} per request on its stdout (its System.out is redirected to stderr so that a test
 * printing cannot corrupt the pipe).
 */
public final class WorkerProtocol {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Run test {@code id}, writing results under {@code seqres}, with the section's variables. */
    public record Request(String id, String seqres, Map<String, String> config, String basePackage) {
    }

    /** What a reply is: the worker is ready (once), a test is done, or (made by the runner) the worker exited. */
    public enum ReplyType { READY, DONE, EXITED }

    /** How the test body ended: it ran to the end, it was not run (message: the reason), or it threw (message). */
    public enum BodyOutcome { RAN, NOT_RUN, ERROR }

    /** A message from the worker; {@code outcome} and {@code message} are set for {@link ReplyType#DONE}. */
    public record Reply(ReplyType type, long pid, String id, BodyOutcome outcome, String message) {
        static Reply ready(long pid) {
            return new Reply(ReplyType.READY, pid, null, null, null);
        }

        static Reply done(String id, BodyOutcome outcome, String message) {
            return new Reply(ReplyType.DONE, ProcessHandle.current().pid(), id, outcome, message);
        }

        /** The runner's own reply when the worker's stdout ended: the process exited. */
        public static Reply exited(long pid) {
            return new Reply(ReplyType.EXITED, pid, null, null, null);
        }
    }

    private WorkerProtocol() {
    }

    public static String encode(Object message) {
        try {
            return JSON.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + message, e);
        }
    }

    public static <T> T decode(String line, Class<T> type) {
        try {
            return JSON.readValue(line, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("malformed worker message: " + line, e);
        }
    }
}
