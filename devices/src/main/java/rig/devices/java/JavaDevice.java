package rig.devices.java;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import rig.sys.SparseFile;
import rig.devices.DeviceControl;
import rig.devices.fault.FaultEngine;
import rig.devices.java.ControlProtocol.Verb;
import rig.devices.loop.LoopDevice;
import rig.devices.own.Claim;
import rig.devices.own.FuseConnections;
import rig.devices.own.Registry;

/**
 * The injectable Java block device, as its user sees it: a /dev/loopN ({@link #path()}) to
 * mkfs and mount, every request of which goes, through a loop device with direct I/O and a FUSE
 * file, to the fault engine (in a server JVM, or in threads of this one: {@link Settings#inProcess}); {@link #control()} changes its
 * table, releases stalls, reads its journal. {@link #create} builds one (and owns it: close()
 * tears it down); {@link #connect} drives one another process created, e.g. from a test JVM
 * given the socket in {@value #CONTROL_ENV}.
 */
public final class JavaDevice implements AutoCloseable {

    /** Environment variable through which the rig hands a test process the scratch device's socket. */
    public static final String CONTROL_ENV = "RIG_SCRATCH_CONTROL";
    public static final Path DEFAULT_BACKING_DIR = Path.of("/dev/shm");

    private final String name;
    private final long size;
    private final RemoteControl control;
    private final int connection;
    private final Path loopPath;
    private final Owned owned; // null when connected to a device another process owns

    private JavaDevice(String name, long size, RemoteControl control, int connection, Path loopPath, Owned owned) {
        this.name = name;
        this.size = size;
        this.control = control;
        this.connection = connection;
        this.loopPath = loopPath;
        this.owned = owned;
    }

    /** Creates a device of {@code sizeBytes} backed by a sparse file in /dev/shm. */
    public static JavaDevice create(String name, long sizeBytes) throws IOException {
        return create(name, sizeBytes, DEFAULT_BACKING_DIR);
    }

    /**
     * Creates a device of {@code sizeBytes} (a multiple of 4096) named {@code name} (letters,
     * digits, '.', '_', '-'), backed by a new sparse file in {@code backingDir}: starts its
     * server, waits until it serves, attaches a loop device (512-byte sectors, direct I/O).
     */
    public static JavaDevice create(String name, long sizeBytes, Path backingDir) throws IOException {
        return create(new Settings(name, sizeBytes, backingDir));
    }

    /** As {@link #create(String, long, Path)}, with every setting. */
    public static JavaDevice create(Settings settings) throws IOException {
        return create(Registry.open(), settings);
    }

    /**
     * As {@link #create(Settings)}, recording what it creates in {@code registry} (server included). A server
     * killed by a signal while it started (a stray kill, the OOM killer) is replaced once.
     */
    public static JavaDevice create(Registry registry, Settings settings) throws IOException {
        try {
            return createOnce(registry, settings);
        } catch (ServerLauncher.KilledBeforeReady e) {
            System.err.println("device " + settings.name() + ": " + e.getMessage() + "; starting another");
            return createOnce(registry, settings);
        }
    }

    private static JavaDevice createOnce(Registry registry, Settings settings) throws IOException {
        settings.validate();
        Owned owned = new Owned(registry);
        try {
            owned.build(settings);
            RemoteControl control = new RemoteControl(owned.socket, settings.controlTimeout());
            Map<String, String> info = info(control);
            owned.loop = LoopDevice.attach(registry, owned.mountPoint.resolve("disk"), settings.logicalBlockSize(),
                    true);
            control.call(Verb.ATTACHED, owned.loop.path().toString());
            rig.sys.Trace.mark("device " + settings.name() + ": loop device attached");
            return new JavaDevice(settings.name(), settings.sizeBytes(), control,
                    Integer.parseInt(info.get("connection")), owned.loop.path(), owned);
        } catch (IOException | RuntimeException e) {
            try {
                owned.teardown(settings.name());
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Drives a device served by another process, through its control socket. */
    public static JavaDevice connect(Path controlSocket) throws IOException {
        RemoteControl control = new RemoteControl(controlSocket, Settings.DEFAULT_CONTROL_TIMEOUT);
        Map<String, String> info = info(control);
        String loop = info.getOrDefault("loop", "");
        return new JavaDevice(info.get("name"), Long.parseLong(info.get("size")), control,
                Integer.parseInt(info.get("connection")), loop.isEmpty() ? null : Path.of(loop), null);
    }

    /** Connects to the device named by {@value #CONTROL_ENV}. */
    public static JavaDevice connectFromEnvironment() throws IOException {
        String socket = System.getenv(CONTROL_ENV);
        if (socket == null || socket.isBlank()) {
            throw new IOException(CONTROL_ENV + " is not set: this process was not given a Java device to drive");
        }
        return connect(Path.of(socket));
    }

    static Map<String, String> info(RemoteControl control) throws IOException {
        Map<String, String> info = new HashMap<>();
        for (String line : control.call(Verb.INFO, "").split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                info.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return info;
    }

    /** The block device to mkfs and mount: /dev/loopN. */
    public Path path() {
        if (loopPath == null) {
            throw new IllegalStateException("device " + name + " has no loop device attached (yet)");
        }
        return loopPath;
    }

    public String name() {
        return name;
    }

    public long size() {
        return size;
    }

    public Path controlSocket() {
        return control.socket();
    }

    /** Tables, stalls, counters, journal: the device's control, over its socket. */
    public DeviceControl control() {
        return control;
    }

    /** The journal summary ("3 write errors (EIO) on sectors ..."), one finding per line. */
    public String journalSummary() throws IOException {
        return control.journalSummary();
    }

    /** The FUSE connection number (/sys/fs/fuse/connections/N). */
    public int fuseConnection() {
        return connection;
    }

    /** Whether this object created the device (and close() destroys it). */
    public boolean owner() {
        return owned != null;
    }

    /**
     * Unsticks the kernel: aborts the FUSE connection (pending and future requests fail, a hung
     * umount proceeds) and tells the engine to fail what it holds. Works with a stuck server.
     */
    public void abort() throws IOException {
        boolean aborted = FuseConnections.abort(owned != null ? owned.registry : Registry.open(), connection);
        try {
            control.call(Verb.ABORT, "", Duration.ofSeconds(5));
        } catch (IOException e) {
            if (!aborted) {
                throw new IOException("abort of device " + name + ": FUSE connection " + connection
                        + " is gone and the server did not answer: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Owner: detaches the loop device, stops the server (which unmounts the FUSE file), deletes
     * the backing file and the work directory. Unmount what you mounted on {@link #path()} first.
     * Connected: nothing to release.
     */
    @Override
    public void close() throws IOException {
        if (owned != null) {
            owned.teardown(name);
        }
    }

    @Override
    public String toString() {
        return "Java device " + name + " (" + (loopPath == null ? "no loop" : loopPath) + ", FUSE connection "
                + connection + ", control " + control.socket() + ")";
    }

    /**
     * Settings of a new device. {@code inProcess}: the device is served by threads of this JVM
     * (no server process to start: about half a second sooner; it dies with this process, and the
     * next start sweeps what it leaves) instead of a separate server JVM (which outlives a stuck
     * or killed client and runs with its own heap).
     */
    public record Settings(String name, long sizeBytes, Path backingDir, int logicalBlockSize, int threads,
                           int maxThreads, List<String> serverJvmOptions, Duration controlTimeout,
                           String serverMainClass, boolean inProcess) {

        static final Duration DEFAULT_CONTROL_TIMEOUT = Duration.ofSeconds(60);
        /**
         * jnr-ffi binds libc by reflection (no generated class): the server is ready ~0.15 s
         * sooner, which every ./check waits for, for ~7% fewer 4 KiB IOPS (101 K instead of
         * 109 K here; 1 MiB unchanged). RIG_DEVICE_SERVER_JVM_OPTS replaces these options.
         */
        public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xms32m", "-Xmx256m",
                "-XX:MaxDirectMemorySize=256m", "-XX:+UseSerialGC", "-Djnr.ffi.asm.enabled=false");

        public Settings(String name, long sizeBytes, Path backingDir) {
            this(name, sizeBytes, backingDir, 512, 4, 32, DEFAULT_JVM_OPTIONS, DEFAULT_CONTROL_TIMEOUT,
                    DeviceServer.class.getName(), false);
        }

        public Settings withThreads(int threads) {
            return new Settings(name, sizeBytes, backingDir, logicalBlockSize, threads, maxThreads,
                    serverJvmOptions, controlTimeout, serverMainClass, inProcess);
        }

        /** Served by threads of this JVM rather than by a server process. */
        public Settings withServerInProcess(boolean in) {
            return new Settings(name, sizeBytes, backingDir, logicalBlockSize, threads, maxThreads,
                    serverJvmOptions, controlTimeout, serverMainClass, in);
        }

        Settings withServerMainClass(String mainClass) {
            return new Settings(name, sizeBytes, backingDir, logicalBlockSize, threads, maxThreads,
                    serverJvmOptions, controlTimeout, mainClass, inProcess);
        }

        void validate() {
            if (name == null || !name.matches("[A-Za-z0-9._-]{1,32}")) {
                throw new IllegalArgumentException("device name \"" + name
                        + "\" is not 1-32 letters, digits, '.', '_' or '-'; choose another name");
            }
            if (sizeBytes <= 0 || sizeBytes % 4096 != 0) {
                throw new IllegalArgumentException("device size " + sizeBytes
                        + " is not a positive multiple of 4096 bytes; round it");
            }
            if (!Files.isDirectory(backingDir)) {
                throw new IllegalArgumentException("backing directory " + backingDir
                        + " does not exist; create it or use /dev/shm");
            }
        }
    }

    /** Everything a created device consists of, in the order it is built, torn down in reverse. */
    private static final class Owned {
        final Registry registry;
        Path workDir, mountPoint, socket, backing;
        Claim workClaim, backingClaim, fuseClaim, processClaim;
        rig.sys.JavaProcess server;
        DeviceService service; // when served in this process
        LoopDevice loop;

        Owned(Registry registry) {
            this.registry = registry;
        }

        void build(Settings s) throws IOException {
            workDir = Files.createTempDirectory("rig-dev-" + s.name() + "-");
            workClaim = registry.claim(Claim.Kind.DIRECTORY, workDir.toString());
            mountPoint = Files.createDirectory(workDir.resolve("mnt"));
            socket = workDir.resolve("control.sock");
            backing = s.backingDir().resolve("rig-" + s.name() + "-" + ProcessHandle.current().pid() + "-"
                    + workDir.getFileName().toString().substring(("rig-dev-" + s.name() + "-").length()) + ".img");
            backingClaim = registry.claim(Claim.Kind.BACKING_FILE, backing.toString());
            SparseFile.create(backing, s.sizeBytes());
            fuseClaim = registry.claim(Claim.Kind.FUSE_MOUNT, mountPoint.toString());
            if (s.inProcess()) {
                serveHere(s);
                return;
            }
            server = ServerLauncher.start(s, registry, backing, mountPoint, socket, workDir.resolve("server.log"));
            rig.sys.Trace.mark("device " + s.name() + ": server started");
            processClaim = registry.claim(Claim.Kind.PROCESS,
                    rig.devices.own.Sweeper.processResource(server.handle(), "device server " + s.name()));
            ServerLauncher.awaitReady(server, socket, Duration.ofSeconds(60));
            rig.sys.Trace.relay(workDir.resolve("server.log"));
            rig.sys.Trace.mark("device " + s.name() + ": server ready");
        }

        private void serveHere(Settings s) throws IOException {
            FaultEngine engine = FaultEngine.open(backing, s.sizeBytes());
            try {
                Path log = workDir.resolve("server.log");
                service = DeviceService.start(registry, s.name(), engine, mountPoint, socket, s.threads(), s.maxThreads(),
                        line -> appendLine(log, line));
            } catch (IOException | RuntimeException e) {
                engine.close();
                throw e;
            }
            rig.sys.Trace.mark("device " + s.name() + ": serving in this process");
        }

        /** Diagnostics of a device served here go to its log, as a server process's stderr would. */
        private static synchronized void appendLine(Path log, String line) {
            try {
                Files.writeString(log, line + "\n", java.nio.charset.StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            } catch (IOException e) {
                System.err.println(line + " (and " + log + " is not writable: " + e.getMessage() + ")");
            }
        }

        synchronized void teardown(String name) throws IOException {
            IOException failure = null;
            if (loop != null) {
                try {
                    loop.close();
                } catch (IOException e) {
                    failure = e;
                }
                loop = null;
            }
            if (service != null) {
                service.close();
                service = null;
            }
            if (server != null) {
                ServerLauncher.stop(server, socket, name);
                registry.release(processClaim);
                server = null;
            }
            if (fuseClaim != null) {
                ServerLauncher.forceUnmount(registry, mountPoint);
                registry.release(fuseClaim);
                fuseClaim = null;
            }
            if (backingClaim != null) {
                Files.deleteIfExists(backing);
                registry.release(backingClaim);
                backingClaim = null;
            }
            if (workClaim != null) {
                ServerLauncher.deleteWorkDir(workDir);
                registry.release(workClaim);
                workClaim = null;
            }
            if (failure != null) {
                throw failure;
            }
        }
    }
}
