package rig.devices.java;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import rig.devices.java.ControlProtocol.Verb;
import rig.devices.own.FuseConnections;
import rig.devices.own.Mounts;
import rig.devices.own.Registry;
import rig.sys.JavaProcess;
import rig.sys.Unmount;

/** Starting, awaiting and stopping a device server process, and cleaning up after one. */
final class ServerLauncher {

    /** Extra JVM options for device servers, space separated (replaces the defaults). */
    static final String JVM_OPTIONS_ENV = "RIG_DEVICE_SERVER_JVM_OPTS";

    private ServerLauncher() {
    }

    static JavaProcess start(JavaDevice.Settings s, Registry registry, Path backing, Path mountPoint, Path socket, Path log)
            throws IOException {
        if (socket.toString().length() > 100) {
            throw new IOException("control socket path " + socket + " is too long for a Unix socket;"
                    + " set java.io.tmpdir to a shorter directory");
        }
        String env = System.getenv(JVM_OPTIONS_ENV);
        List<String> jvm = new ArrayList<>(env == null || env.isBlank() ? s.serverJvmOptions()
                : List.of(env.trim().split("\\s+")));
        jvm.addAll(new DeviceServer.Settings(backing, s.sizeBytes(), mountPoint, socket, s.name(), s.threads(),
                s.maxThreads()).asJvmOptions());
        return JavaProcess.start(jvm, s.serverMainClass(), List.of(), Map.of("RIG_STATE_DIR", registry.dir().toString()), log);
    }

    /** Pings the socket until the server answers; fails with its log if it dies or takes too long. */
    static void awaitReady(JavaProcess server, Path socket, Duration limit) throws IOException {
        RemoteControl control = new RemoteControl(socket, Duration.ofSeconds(5));
        long deadline = System.nanoTime() + limit.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            if (!server.alive()) {
                int status = exitStatus(server);
                if (status > 128) {
                    throw new KilledBeforeReady("the device server was killed by signal " + (status - 128)
                            + " before it was ready");
                }
                throw new IOException("the device server exited before it was ready: " + logTail(server));
            }
            if (Files.exists(socket)) {
                try {
                    control.call(Verb.PING, "");
                    return;
                } catch (IOException e) {
                    last = e;
                }
            }
            sleep(25);
        }
        throw new IOException("the device server was not ready within " + limit.toSeconds() + " s ("
                + (last == null ? "no control socket" : last.getMessage()) + "): " + logTail(server));
    }

    /** A signal from outside ended the server while it started (not a fault of the server): worth one more try. */
    static final class KilledBeforeReady extends IOException {
        KilledBeforeReady(String message) {
            super(message);
        }
    }

    private static int exitStatus(JavaProcess server) {
        try {
            return server.waitFor(Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** STOP over the socket; SIGTERM, then SIGKILL, if the server does not exit. */
    static void stop(JavaProcess server, Path socket, String name) throws IOException {
        try {
            if (server.alive()) {
                try {
                    new RemoteControl(socket, Duration.ofSeconds(30)).call(Verb.STOP, "");
                } catch (IOException e) {
                    System.err.println("device " + name + ": STOP failed (" + e.getMessage() + "); terminating");
                }
                if (server.waitFor(Duration.ofSeconds(15)) < 0) {
                    server.stop(Duration.ofSeconds(5));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.handle().destroyForcibly();
        } finally {
            server.close();
        }
    }

    /** If the FUSE mount outlived its server: abort its connection and detach it. */
    static void forceUnmount(Registry registry, Path mountPoint) throws IOException {
        var m = Mounts.at(mountPoint);
        if (m.isPresent() && m.get().fsType().startsWith("fuse")) {
            FuseConnections.abort(registry, m.get().minor());
            Unmount.lazilyOrThrow(mountPoint, "");
        }
    }

    static void deleteWorkDir(Path dir) throws IOException {
        if (!Files.exists(dir) || !Mounts.under(dir).isEmpty()) {
            return; // never delete through a mount
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    static String logTail(JavaProcess server) {
        try {
            List<String> lines = Files.readAllLines(server.logFile());
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
