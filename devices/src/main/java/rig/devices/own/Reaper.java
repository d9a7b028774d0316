package rig.devices.own;

import java.io.File;
import java.io.IOException;
import java.util.List;

/**
 * The runner's watchman, after testcontainers' Ryuk: a small process in its own session (so a Ctrl-C
 * meant for the run does not reach it) that waits for the runner to exit and then sweeps the registry,
 * so that a runner killed with SIGKILL leaves no loop device, mount, tracing instance, backing file or
 * helper process behind without waiting for a later run. It costs nothing while it waits (a
 * {@code tail --pid}); the runner stops it, by PID, when it exits on its own.
 */
public final class Reaper {
    /** Seconds the helpers get to clean up after themselves (OwnerWatch) before the sweep. */
    private static final String GRACE = "1";
    private static final String SCRIPT = "tail --pid=\"$1\" -s 0.25 -f /dev/null 2>/dev/null; sleep " + GRACE + "; "
            + "exec \"$2\" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp \"$3\" " + Reaper.class.getName();

    private final Process process;

    private Reaper(Process process) {
        this.process = process;
    }

    /** Starts the watchman of this process; the registry is the one in RIG_STATE_DIR (inherited). */
    public static Reaper start(Registry registry) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(List.of("setsid", "bash", "-c", SCRIPT, "rig-reaper",
                Long.toString(ProcessHandle.current().pid()), java, System.getProperty("java.class.path")));
        pb.environment().put("RIG_STATE_DIR", registry.dir().toString());
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        return new Reaper(pb.start());
    }

    /** Stops the watchman and what it started (its {@code tail}), by PID: the run cleaned up itself. */
    public void stop() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }

    /** The sweep, once the runner is gone. */
    public static void main(String[] args) {
        Sweeper.sweep(Registry.open());
    }
}
