package rig.check.run;

import rig.check.engine.WorkerMain;
import rig.check.engine.WorkerProtocol;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import rig.check.engine.WorkerProtocol.Reply;
import rig.check.engine.WorkerProtocol.ReplyType;
import rig.check.engine.WorkerProtocol.Request;
import rig.sys.SharedClasses;

/**
 * The runner's handle on one warm worker JVM ({@link WorkerMain}, same classpath). Replies are
 * read by a daemon thread into a queue, so the runner never blocks on the worker: it polls with
 * a timeout and, when a test hangs, kills the worker by PID without waiting for it.
 */
public final class Worker implements AutoCloseable {

    /** Reply type the reader thread queues when the worker's stdout ends (it exited or was killed). */

    private final Process process;
    private final SharedClasses.Archive archive;
    private final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
    private final Writer requests;
    private boolean ready;

    private Worker(Process process, SharedClasses.Archive archive) {
        this.process = process;
        this.archive = archive;
        this.requests = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readReplies, "rig-worker-" + process.pid() + "-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts a worker; its stderr (and whatever tests print) is appended to {@code log}. */
    static Worker start(Path log, Map<String, String> environment) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        SharedClasses.Archive archive = SharedClasses.forChild(WorkerMain.class.getName());
        command.addAll(archive.options());
        command.add("-XX:+UseSerialGC");
        command.add("-Xshare:auto");
        command.add("-Djnr.ffi.asm.enabled=false"); // as bin/rig: a faster start, calls barely slower
        String home = System.getProperty("rig.home");
        if (home != null) {
            command.add("-Drig.home=" + home);
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(WorkerMain.class.getName());
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(environment);
        pb.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return new Worker(pb.start(), archive);
    }

    public long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Waits for "ready"; false if the worker died or did not answer in time. */
    boolean awaitReady(Duration timeout) {
        if (ready) {
            return true;
        }
        Optional<Reply> r = poll(timeout);
        ready = r.isPresent() && r.get().type() == ReplyType.READY;
        return ready;
    }

    /**
     * Sends a request. A worker that died since it said "ready" (killed from outside) cannot take it; its
     * reader then reports {@link ReplyType#EXITED}, which the runner handles as a worker that died during the test.
     */
    void send(Request request) {
        try {
            requests.write(WorkerProtocol.encode(request));
            requests.write('\n');
            requests.flush();
        } catch (IOException e) {
            // the pipe is closed: the worker is gone (see above)
        }
    }

    /** The next reply, or empty when none came within {@code timeout}. */
    Optional<Reply> poll(Duration timeout) {
        try {
            return Optional.ofNullable(replies.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** SIGKILL to the worker and whatever it started; does not wait for them to exit. */
    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Waits at most {@code timeout} for the killed worker to be gone (a task stuck in D state may linger). */
    boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    Optional<Integer> exitStatus() {
        return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    /**
     * Ends the worker politely (end of input), then forcibly after two seconds (longer when it
     * writes its class-data archive at exit: killed, it would write none).
     */
    @Override
    public void close() {
        try {
            requests.close();
        } catch (IOException e) {
            // the worker is gone already
        }
        if (!awaitExit(Duration.ofSeconds(archive.dumping() ? 30 : 2))) {
            kill();
        } else {
            archive.exited(process.exitValue());
        }
    }

    private void readReplies() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("{")) {
                    try {
                        replies.add(WorkerProtocol.decode(line, Reply.class));
                    } catch (IllegalStateException e) {
                        // something else wrote to the worker's stdout (a child inheriting it): not a reply
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through: the worker is gone or broken
        }
        replies.add(Reply.exited(process.pid()));
    }
}
