package rig.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/**
 * The pipe between the runner and its worker JVM: one JSON object per line. The runner sends a
 * {@link Request} on the worker's stdin; the worker answers "ready" once, then one "done"
 * {@link Reply} per request on its stdout (its System.out is redirected to stderr so that a test
 * printing cannot corrupt the pipe).
 */
final class WorkerProtocol {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Run test {@code id}, writing results under {@code seqres}, with the section's variables. */
    record Request(String id, String seqres, Map<String, String> config, String basePackage) {
    }

    /** type "ready" (pid set) or "done": outcome "ran", "notrun" (message = reason) or "error". */
    record Reply(String type, long pid, String id, String outcome, String message) {
        static Reply ready(long pid) {
            return new Reply("ready", pid, null, null, null);
        }

        static Reply done(String id, String outcome, String message) {
            return new Reply("done", ProcessHandle.current().pid(), id, outcome, message);
        }
    }

    private WorkerProtocol() {
    }

    static String encode(Object message) {
        try {
            return JSON.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + message, e);
        }
    }

    static <T> T decode(String line, Class<T> type) {
        try {
            return JSON.readValue(line, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("malformed worker message: " + line, e);
        }
    }
}
