package rig.sys;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecuteResultHandler;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.PumpStreamHandler;

/**
 * A JVM child running one of the rig's main classes, started asynchronously through
 * commons-exec with this JVM's java binary and class path; stdout and stderr go to a log file.
 * Unlike {@link Exec} it has no watchdog: a serving process lives as long as what it serves,
 * and its owner stops it ({@link #stop}) or kills it ({@link #kill}).
 */
public final class JavaProcess implements AutoCloseable {

    private final Process process;
    private final DefaultExecuteResultHandler result;
    private final OutputStream log;
    private final Path logFile;
    private final SharedClasses.Archive archive;

    private JavaProcess(Process process, DefaultExecuteResultHandler result, OutputStream log, Path logFile,
                        SharedClasses.Archive archive) {
        this.process = process;
        this.result = result;
        this.log = log;
        this.logFile = logFile;
        this.archive = archive;
    }

    /**
     * Starts {@code java [jvmOptions] -cp <this class path> mainClass args} with extra env (and
     * the class-data archive of {@link SharedClasses} when bin/rig set one up).
     */
    @SuppressWarnings("deprecation") // the no-argument constructor is the way to override launch()
    public static JavaProcess start(List<String> jvmOptions, String mainClass, List<String> args,
                                    Map<String, String> env, Path logFile) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        SharedClasses.Archive archive = SharedClasses.forChild(mainClass);
        command.addAll(archive.options());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        CommandLine line = new CommandLine(command.get(0));
        command.subList(1, command.size()).forEach(a -> line.addArgument(a, false));

        CompletableFuture<Process> launched = new CompletableFuture<>();
        DefaultExecutor executor = new DefaultExecutor() {
            @Override
            protected Process launch(CommandLine cmd, Map<String, String> environment, File dir) throws IOException {
                Process p = super.launch(cmd, environment, dir);
                launched.complete(p);
                return p;
            }
        };
        OutputStream log = new FileOutputStream(logFile.toFile(), true);
        executor.setStreamHandler(new PumpStreamHandler(log, log));
        executor.setExitValues(null);
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.putAll(env);
        DefaultExecuteResultHandler result = new DefaultExecuteResultHandler();
        try {
            executor.execute(line, environment, result);
            return new JavaProcess(launched.get(30, TimeUnit.SECONDS), result, log, logFile, archive);
        } catch (IOException e) {
            log.close();
            throw new IOException("cannot start " + mainClass + " in a new JVM: " + e.getMessage(), e);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            log.close();
            throw new IOException("the JVM for " + mainClass + " did not start within 30 s: " + e, e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    public boolean alive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    /** Waits up to {@code limit}; the exit status, or -1 if still running. */
    public int waitFor(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            return -1;
        }
        result.waitFor(Duration.ofSeconds(5)); // let the stream pumps drain into the log
        archive.exited(process.exitValue());
        return process.exitValue();
    }

    /** SIGKILL, and waits for the process to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(30));
    }

    /** SIGTERM (the JVM runs its shutdown hooks); SIGKILL if it outlives {@code grace}. */
    public int stop(Duration grace) throws InterruptedException {
        process.destroy();
        int code = waitFor(grace);
        if (code < 0) {
            process.destroyForcibly();
            code = waitFor(Duration.ofSeconds(30));
        }
        return code;
    }

    @Override
    public void close() throws IOException {
        try {
            if (process.isAlive()) {
                stop(Duration.ofSeconds(10));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            log.close();
        }
    }
}
