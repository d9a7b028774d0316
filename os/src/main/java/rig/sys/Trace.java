package rig.sys;

import java.time.Duration;
import java.time.Instant;

/** Phase timings of a run on stderr when RIG_TRACE=1: where the per-invocation time goes. */
public final class Trace {

    private static final boolean ON = "1".equals(System.getenv("RIG_TRACE"));
    private static final Instant START = start();

    private Trace() {
    }

    /** bin/rig's start (RIG_TRACE_T0, microseconds), else this process's (whole seconds of boot time off). */
    private static Instant start() {
        String t0 = System.getenv("RIG_TRACE_T0");
        if (t0 != null && t0.matches("[0-9]{10,}")) {
            long micros = Long.parseLong(t0);
            return Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000);
        }
        return ProcessHandle.current().info().startInstant().orElse(Instant.now());
    }

    public static boolean on() {
        return ON;
    }

    /** Copies the trace lines a child process wrote to its log (a device server's) to stderr. */
    public static void relay(java.nio.file.Path log) {
        if (ON) {
            try (var lines = java.nio.file.Files.lines(log)) {
                lines.filter(l -> l.startsWith("rig trace:")).forEach(System.err::println);
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                System.err.println("rig trace: (no trace from " + log + ": " + e.getMessage() + ")");
            }
        }
    }

    public static void mark(String phase) {
        if (ON) {
            System.err.printf("rig trace: %6d ms %s%n", Duration.between(START, Instant.now()).toMillis(), phase);
        }
    }
}
