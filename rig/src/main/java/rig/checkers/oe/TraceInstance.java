package rig.checkers.oe;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import rig.devices.own.Claim;
import rig.devices.own.Registry;
import rig.sys.Errno;
import rig.sys.LibC;

/**
 * A private tracefs instance ({@code instances/rig-<pid>-<n>}), never the global buffer, with a
 * chosen set of events, a monotonic clock (the same CLOCK_MONOTONIC as System.nanoTime) and a
 * reader thread that consumes trace_pipe with non-blocking reads. trace_pipe, not the trace file
 * at the end: a consumed ring buffer only overflows when the reader falls behind, whereas the
 * overwrite-mode trace file silently loses the oldest events, which are the adds of exactly the
 * ordered extents that hang. The instance is claimed in the registry and removed by close().
 */
public final class TraceInstance implements AutoCloseable {

    public static final Path TRACING = Path.of("/sys/kernel/tracing");
    private static final AtomicLong SEQ = new AtomicLong();

    private final Path dir;
    private final Claim claim;
    private final Registry registry;
    private final List<String> enabled = new ArrayList<>();
    private final List<String> missing = new ArrayList<>();
    private Thread reader;
    private volatile boolean stopping;
    private volatile IOException readerFailure;

    private TraceInstance(Path dir, Claim claim, Registry registry) {
        this.dir = dir;
        this.claim = claim;
        this.registry = registry;
    }

    /** Mounts tracefs if needed, creates and claims the instance, sizes its buffer (KiB per CPU). */
    public static TraceInstance create(Registry registry, int bufferKbPerCpu) throws IOException {
        ensureTracefs();
        Path dir = TRACING.resolve("instances").resolve("rig-" + ProcessHandle.current().pid() + "-"
                + SEQ.incrementAndGet());
        Claim claim = registry.claim(Claim.Kind.TRACE_INSTANCE, dir.toString());
        try {
            Files.createDirectory(dir);
            write(dir.resolve("tracing_on"), "0");
            write(dir.resolve("buffer_size_kb"), Integer.toString(bufferKbPerCpu));
            write(dir.resolve("trace_clock"), "mono");
        } catch (IOException e) {
            removeQuietly(dir);
            registry.release(claim);
            throw new IOException("cannot set up the tracing instance " + dir + ": " + e.getMessage()
                    + " (is tracefs writable? run as root)", e);
        }
        return new TraceInstance(dir, claim, registry);
    }

    /** tracefs at /sys/kernel/tracing, mounted there if it is not. */
    static void ensureTracefs() throws IOException {
        if (Files.isDirectory(TRACING.resolve("instances"))) {
            return;
        }
        if (LibC.INSTANCE.mount("nodev", TRACING.toString(), "tracefs", 0, null) != 0) {
            throw new IOException("tracefs is not mounted on " + TRACING + " and mounting it failed: "
                    + LibC.describe(LibC.errno()));
        }
    }

    public Path dir() {
        return dir;
    }

    /** Enables each event "system/name" that exists on this kernel; the rest are listed by {@link #missing()}. */
    public void enable(String system, List<String> events) throws IOException {
        for (String ev : events) {
            Path f = dir.resolve("events").resolve(system).resolve(ev).resolve("enable");
            if (Files.exists(f)) {
                write(f, "1");
                enabled.add(ev);
            } else {
                missing.add(ev);
            }
        }
    }

    public List<String> enabled() {
        return List.copyOf(enabled);
    }

    public List<String> missing() {
        return List.copyOf(missing);
    }

    /** Turns tracing on and starts consuming trace_pipe, handing each complete line to {@code sink}. */
    public void start(Consumer<String> sink) throws IOException {
        int fd = LibC.INSTANCE.open(dir.resolve("trace_pipe").toString(),
                LibC.O_RDONLY | LibC.O_NONBLOCK | LibC.O_CLOEXEC, 0);
        if (fd < 0) {
            throw new IOException("cannot open " + dir.resolve("trace_pipe") + ": " + LibC.describe(LibC.errno()));
        }
        write(dir.resolve("tracing_on"), "1");
        reader = new Thread(() -> pump(fd, sink), "rig-trace-" + dir.getFileName());
        reader.setDaemon(true);
        reader.start();
    }

    private void pump(int fd, Consumer<String> sink) {
        ByteBuffer buf = ByteBuffer.allocateDirect(1 << 16);
        byte[] bytes = new byte[buf.capacity()];
        StringBuilder partial = new StringBuilder();
        int idleAfterStop = 0;
        try {
            while (idleAfterStop < 3) {
                buf.clear();
                long n = LibC.INSTANCE.read(fd, buf, buf.capacity());
                if (n > 0) {
                    buf.get(0, bytes, 0, (int) n);
                    partial.append(new String(bytes, 0, (int) n, StandardCharsets.UTF_8));
                    int nl;
                    while ((nl = partial.indexOf("\n")) >= 0) {
                        sink.accept(partial.substring(0, nl));
                        partial.delete(0, nl + 1);
                    }
                    continue;
                }
                int err = n < 0 ? LibC.errno() : Errno.EAGAIN;
                if (err != Errno.EAGAIN && err != Errno.EINTR) {
                    readerFailure = new IOException("reading " + dir.resolve("trace_pipe") + " failed: "
                            + LibC.describe(err));
                    return;
                }
                if (stopping) {
                    idleAfterStop++;
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            LibC.INSTANCE.close(fd);
        }
    }

    /** Stops tracing and waits until the reader has drained what the buffer held. */
    public void stop() throws IOException {
        if (Files.exists(dir.resolve("tracing_on"))) {
            write(dir.resolve("tracing_on"), "0");
        }
        stopping = true;
        if (reader != null) {
            try {
                reader.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (readerFailure != null) {
            throw readerFailure;
        }
    }

    /** Events the ring buffer dropped because the reader fell behind (sum of per-CPU overruns). */
    public long overruns() {
        long total = 0;
        try (var cpus = Files.list(dir.resolve("per_cpu"))) {
            for (Path cpu : (Iterable<Path>) cpus::iterator) {
                for (String line : Files.readAllLines(cpu.resolve("stats"))) {
                    if (line.startsWith("overrun:")) {
                        total += Long.parseLong(line.substring(8).trim());
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return total;
    }

    /** Stops the reader and removes the instance, then releases its claim. Safe to call twice. */
    @Override
    public void close() throws IOException {
        if (reader != null && reader.isAlive()) {
            stopping = true;
            try {
                reader.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (Files.exists(dir)) {
            if (Files.exists(dir.resolve("tracing_on"))) {
                write(dir.resolve("tracing_on"), "0");
            }
            Files.delete(dir);
        }
        registry.release(claim);
    }

    /** Removes a rig-made instance (for the sweep of a killed run). */
    public static void removeQuietly(Path instance) {
        try {
            Files.deleteIfExists(instance);
        } catch (IOException ignored) {
            // an instance still busy (a reader open) stays; the next sweep retries
        }
    }

    private static void write(Path f, String value) throws IOException {
        Files.writeString(f, value + "\n");
    }
}
