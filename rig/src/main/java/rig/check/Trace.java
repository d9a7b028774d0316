package rig.check;

import java.time.Duration;
import java.time.Instant;

/** Phase timings of a run on stderr when RIG_TRACE=1: where the per-invocation time goes. */
public final class Trace {

    private static final boolean ON = "1".equals(System.getenv("RIG_TRACE"));
    private static final Instant START = ProcessHandle.current().info().startInstant().orElse(Instant.now());

    private Trace() {
    }

    public static void mark(String phase) {
        if (ON) {
            System.err.printf("rig trace: %6d ms %s%n", Duration.between(START, Instant.now()).toMillis(), phase);
        }
    }
}
