package rig.devices.java;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import rig.devices.fault.FaultEngine;
import rig.devices.own.OwnerWatch;
import rig.devices.own.Registry;
import rig.sys.Trace;

/**
 * The serving process of a Java device: exports the backing file, through the fault engine, as
 * the file "disk" of a FUSE mount, and serves the device's control on a Unix socket until a
 * client sends STOP (or SIGTERM). Started by {@link JavaDevice#create} (through
 * {@link ServerLauncher}), which passes its settings as system properties ({@link Settings});
 * it prints one line "READY key=value..." on stdout when both are up.
 *
 * <p>No picocli here, although the rig's CLIs use it: this process is never started by hand,
 * and building picocli's model cost about 0.2 s of CPU on the critical path of every
 * {@code ./check}. System properties need no parser of our own.
 */
public final class DeviceServer {

    /** What the server serves: each field a system property {@code rig.device.*}. */
    record Settings(Path backing, long size, Path mountPoint, Path socket, String name, int threads, int maxThreads) {

        static final String PREFIX = "rig.device.";

        /** The JVM options that carry these settings to a server. */
        List<String> asJvmOptions() {
            List<String> o = new ArrayList<>();
            o.add("-D" + PREFIX + "backing=" + backing);
            o.add("-D" + PREFIX + "size=" + size);
            o.add("-D" + PREFIX + "mount=" + mountPoint);
            o.add("-D" + PREFIX + "socket=" + socket);
            o.add("-D" + PREFIX + "name=" + name);
            o.add("-D" + PREFIX + "threads=" + threads);
            o.add("-D" + PREFIX + "max-threads=" + maxThreads);
            return o;
        }

        static Settings fromSystemProperties() {
            Settings s = new Settings(Path.of(required("backing")), Long.parseLong(required("size")),
                    Path.of(required("mount")), Path.of(required("socket")), required("name"),
                    Integer.parseInt(required("threads")), Integer.parseInt(required("max-threads")));
            if (s.size <= 0 || s.size % 4096 != 0) {
                throw new IllegalArgumentException(PREFIX + "size=" + s.size + " is not a positive multiple of 4096");
            }
            return s;
        }

        private static String required(String key) {
            String v = System.getProperty(PREFIX + key);
            if (v == null || v.isBlank()) {
                throw new IllegalArgumentException("system property " + PREFIX + key + " is missing: this server is"
                        + " started by JavaDevice.create, which sets it");
            }
            return v;
        }
    }

    private DeviceServer() {
    }

    public static void main(String[] args) {
        Trace.mark("device server: JVM up");
        // binding libc (jnr-ffi, ~0.1 s) overlaps reading the settings and loading the engine's classes
        new Thread(() -> rig.sys.LibC.INSTANCE.getpid(), "bind-libc").start();
        try {
            serve(Settings.fromSystemProperties());
            System.exit(0);
        } catch (IllegalArgumentException e) {
            System.err.println("rig-device-server: " + e.getMessage());
            System.exit(2);
        } catch (Exception e) {
            System.err.println("rig-device-server: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void serve(Settings s) throws IOException, InterruptedException {
        Trace.mark("device server " + s.name() + ": settings read");
        FaultEngine engine = FaultEngine.open(s.backing(), s.size());
        Trace.mark("device server " + s.name() + ": fault engine open");
        DeviceService service;
        try {
            service = DeviceService.start(Registry.open(), s.name(), engine, s.mountPoint(), s.socket(), s.threads(),
                    s.maxThreads(), System.err::println);
        } catch (IOException | RuntimeException e) {
            engine.close();
            throw e;
        }
        Trace.mark("device server " + s.name() + ": serving");
        Thread hook = new Thread(service::close, "device-server-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        OwnerWatch.start("device server " + s.name(), service::close);
        System.out.println("READY " + service.info().strip().replace('\n', ' '));
        System.out.flush();
        service.awaitStop();
        service.close();
        Runtime.getRuntime().removeShutdownHook(hook);
    }
}
