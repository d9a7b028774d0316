package rig.sys;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteException;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.PumpStreamHandler;

/**
 * Runs an external program (mkfs, fsck, dmsetup, ...) through commons-exec, always under a
 * watchdog: a program that outlives its timeout is killed and reported as timed out.
 */
public final class Exec {

    /** What a finished program left: exit status, output, and whether the watchdog fired. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr,
                         boolean timedOut, Duration elapsed) {
        public boolean ok() {
            return exitCode == 0 && !timedOut;
        }

        /** stdout and stderr together, for a .full log. */
        public String output() {
            return stdout + stderr;
        }

        /** Throws unless the program exited 0 within its time. */
        public Result orThrow() throws IOException {
            if (timedOut) {
                throw new IOException(String.join(" ", command) + " timed out after "
                        + elapsed.toSeconds() + " s and was killed");
            }
            if (exitCode != 0) {
                String err = stderr.isBlank() ? stdout : stderr;
                throw new IOException(String.join(" ", command) + " failed (exit " + exitCode + "): "
                        + err.strip());
            }
            return this;
        }
    }

    private Exec() {
    }

    public static Result run(Duration timeout, String... command) throws IOException {
        return run(timeout, null, Map.of(), List.of(command));
    }

    public static Result run(Duration timeout, List<String> command) throws IOException {
        return run(timeout, null, Map.of(), command);
    }

    /**
     * Runs {@code command} with extra environment, in {@code dir} (null: the current one).
     * A program that cannot be started at all (not installed) is an IOException naming it.
     */
    public static Result run(Duration timeout, Path dir, Map<String, String> env, List<String> command)
            throws IOException {
        return run(timeout, dir, env, command, pid -> { });
    }

    /**
     * As {@link #run(Duration, Path, Map, List)}, telling {@code started} the program's PID as
     * soon as it runs, so that a long-lived program (a QEMU guest) can be claimed in the rig's
     * registry before it is waited for.
     */
    @SuppressWarnings("deprecation") // the no-argument constructor is the way to override launch()
    public static Result run(Duration timeout, Path dir, Map<String, String> env, List<String> command,
                             LongConsumer started) throws IOException {
        CommandLine line = new CommandLine(command.get(0));
        for (String arg : command.subList(1, command.size())) {
            line.addArgument(arg, false);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ExecuteWatchdog watchdog = ExecuteWatchdog.builder().setTimeout(timeout).get();
        DefaultExecutor executor = new DefaultExecutor() {
            @Override
            protected Process launch(CommandLine cmd, Map<String, String> environment, File wd) throws IOException {
                Process p = super.launch(cmd, environment, wd);
                started.accept(p.pid());
                return p;
            }
        };
        executor.setStreamHandler(new PumpStreamHandler(out, err));
        executor.setWatchdog(watchdog);
        executor.setExitValues(null);
        if (dir != null) {
            executor.setWorkingDirectory(dir.toFile());
        }
        Map<String, String> environment = new java.util.HashMap<>(System.getenv());
        environment.putAll(env);
        long start = System.nanoTime();
        int code;
        try {
            code = executor.execute(line, environment);
        } catch (ExecuteException e) {
            code = e.getExitValue();
        } catch (IOException e) {
            if (!onPath(command.get(0))) {
                throw new MissingToolException(command.get(0));
            }
            throw new IOException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        }
        if (Trace.on()) {
            Trace.mark("ran " + String.join(" ", command) + " in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        }
        return new Result(List.copyOf(command), code, out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8), watchdog.killedProcess(),
                Duration.ofNanos(System.nanoTime() - start));
    }

    /** True when {@code name} is an executable on PATH (or an absolute executable path). */
    public static boolean onPath(String name) {
        if (name.contains("/")) {
            return java.nio.file.Files.isExecutable(Path.of(name));
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        for (String dir : (path + ":/usr/sbin:/sbin").split(":")) {
            if (!dir.isEmpty() && java.nio.file.Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return false;
    }
}
