package rig.check.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import rig.devices.own.Claim;
import rig.devices.own.Registry;
import rig.devices.own.Sweeper;

/**
 * The runner's current worker JVM, started ahead of need so that it warms up while devices are
 * prepared, and replaced when a test hangs or kills it. Killed workers that linger (a task stuck
 * in uninterruptible sleep cannot die until the kernel lets go) are remembered, never waited on.
 * Workers are started from the runner's main thread only: a worker asks for SIGKILL when its
 * parent dies (PR_SET_PDEATHSIG), and the kernel sends it when the forking thread exits.
 */
public final class WorkerPool implements AutoCloseable {

    private static final Duration START = Duration.ofSeconds(60);

    private final Path log;
    private final Registry registry;
    private final Map<Long, Claim> claims = new HashMap<>();
    private Map<String, String> environment = Map.of();
    /** How long a worker that was asked to stop (or killed) gets to exit before it is waited for later. */
    private static final Duration RETIRE_GRACE = Duration.ofSeconds(2);
    private Worker current;
    private final List<Worker> killed = new ArrayList<>();

    public WorkerPool(Path log, Registry registry) {
        this.log = log;
        this.registry = registry;
    }

    /** Starts a worker now, so that it is warm when the first test comes. */
    synchronized void prestart() {
        if (current != null && !current.alive()) {
            release(current); // died before it was used (killed from outside): its claim goes with it
            current = null;
        }
        if (current == null) {
            current = startOne();
        }
    }

    /** Environment for workers (the Java device's control socket); a running worker with another one is replaced. */
    synchronized void environment(Map<String, String> env) {
        if (!env.equals(environment)) {
            environment = Map.copyOf(env);
            if (current != null) {
                current.close();
                retire(current, RETIRE_GRACE);
                current = null;
            }
        }
    }

    /** A worker that has said "ready"; a worker that dies or stays silent is replaced once. */
    synchronized Worker ready() {
        for (int attempt = 0; attempt < 2; attempt++) {
            prestart();
            if (current.awaitReady(START)) {
                return current;
            }
            current.kill();
            retire(current, RETIRE_GRACE);
            current = null;
        }
        throw new IllegalStateException("the worker JVM did not start twice in a row; see " + log);
    }

    /**
     * Kills the current worker (SIGKILL, by PID, with what it started), waits at most
     * {@code grace} for it to be gone, and starts the next one. Returns whether it is gone.
     */
    public synchronized boolean replace(Duration grace) {
        if (current == null) {
            return true;
        }
        Worker w = current;
        current = null;
        w.kill();
        boolean gone = retire(w, grace);
        prestart();
        return gone;
    }

    /** Waits at most {@code limit} for every killed worker to be gone; true when none lingers. */
    public synchronized boolean awaitKilled(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        for (java.util.Iterator<Worker> it = killed.iterator(); it.hasNext(); ) {
            Worker w = it.next();
            if (w.awaitExit(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                release(w);
                it.remove();
            }
        }
        return killed.isEmpty();
    }

    /** The current worker died on its own: forget it and start the next one. */
    synchronized void discardDead() {
        if (current != null) {
            release(current);
        }
        current = null;
        prestart();
    }

    /** Stops every worker without waiting on any stuck one (shutdown hook and normal end). */
    @Override
    public synchronized void close() {
        if (current != null) {
            current.close();
            if (current.awaitExit(Duration.ofSeconds(2))) {
                release(current);
            }
            current = null;
        }
        for (Worker w : killed) {
            w.kill();
            if (w.awaitExit(Duration.ofMillis(200))) {
                release(w);
            }
        }
    }

    /**
     * Releases the claim of a worker being stopped once it is gone within {@code grace}; one that lingers is
     * waited for later. Returns whether it is gone.
     */
    private boolean retire(Worker w, Duration grace) {
        if (w.awaitExit(grace)) {
            release(w);
            return true;
        }
        killed.add(w);
        return false;
    }

    private void release(Worker w) {
        Claim c = claims.remove(w.pid());
        if (c != null) {
            registry.release(c);
        }
    }

    private Worker startOne() {
        try {
            Map<String, String> env = new HashMap<>(environment);
            Worker w = Worker.start(log, env);
            ProcessHandle.of(w.pid()).ifPresent(h ->
                    claims.put(w.pid(), registry.claim(Claim.Kind.PROCESS, Sweeper.processResource(h, "rig worker JVM"))));
            return w;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the worker JVM (" + e.getMessage() + "); see " + log, e);
        }
    }
}
