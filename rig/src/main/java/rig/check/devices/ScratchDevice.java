package rig.check.devices;

import rig.config.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import rig.sys.SparseFile;
import rig.devices.java.JavaDevice;
import rig.devices.loop.LoopDevice;
import rig.devices.own.Claim;
import rig.devices.own.Registry;

/**
 * The embedded default's SCRATCH device, the one place that decides what it is: by default the
 * injectable Java device (FUSE file + loop device with direct I/O, served by its own process,
 * sparse backing file on tmpfs); with {@code RIG_SCRATCH_BACKEND=loop} a plain loop device with
 * direct I/O over a sparse tmpfs file (no fault injection, faster to create). Tests reach the
 * Java device through {@value JavaDevice#CONTROL_ENV}: a symlink to its control socket whose path
 * is known before the device exists, so that the worker JVM started ahead of it has it in its
 * environment; the section's variables carry it too.
 */
public final class ScratchDevice implements AutoCloseable {

    private final Registry registry;
    private final Path file;
    private final Claim fileClaim;
    private final LoopDevice loop;
    private final JavaDevice java;

    private ScratchDevice(Registry registry, Path file, Claim fileClaim, LoopDevice loop, JavaDevice java) {
        this.registry = registry;
        this.file = file;
        this.fileClaim = fileClaim;
        this.loop = loop;
        this.java = java;
    }

    static boolean javaDevice() {
        return Setting.RIG_SCRATCH_BACKEND.in(System.getenv()).equals("java");
    }

    /**
     * A server JVM serves the Java device by default: the serving process never touches the
     * device's mount (loop-over-FUSE deadlock rules), and a runner killed while stuck in an
     * unmount still sees its writeback served. {@code RIG_SCRATCH_SERVER=runner} serves it from
     * threads of the runner instead (about 0.3 s sooner per invocation, without those guarantees).
     */
    static boolean servedByProcess() {
        return Setting.RIG_SCRATCH_SERVER.in(System.getenv()).equals("process");
    }

    /** What the names of a lane's devices start with: "rig-PID", "rig-PID-j1" for -j lane 1. */
    static String tag(int lane) {
        return "rig-" + ProcessHandle.current().pid() + (lane > 0 ? "-j" + lane : "");
    }

    /** Where tests find the Java device's control socket (a symlink this run creates). */
    static Path controlLink(String tag) {
        return Path.of("/tmp", tag + "-scratch-control.sock");
    }

    /** Environment for a lane's worker JVMs, known before the device exists (so a prestarted worker keeps it). */
    public static Map<String, String> workerEnvironment(int lane) {
        return javaDevice() ? Map.of(JavaDevice.CONTROL_ENV, controlLink(tag(lane)).toString()) : Map.of();
    }

    static ScratchDevice create(Registry registry, String tag, long size, Path backingDir) throws IOException {
        return javaDevice() ? createJava(registry, tag, size, backingDir) : createLoop(registry, tag, size, backingDir);
    }

    private static ScratchDevice createJava(Registry registry, String tag, long size, Path backingDir) throws IOException {
        JavaDevice device = JavaDevice.create(registry, new JavaDevice.Settings(tag + "-scratch", size, backingDir)
                .withServerInProcess(!servedByProcess()));
        Path link = controlLink(tag);
        Claim claim = registry.claim(Claim.Kind.BACKING_FILE, link.toString());
        try {
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, device.controlSocket());
        } catch (IOException | RuntimeException e) {
            registry.release(claim);
            device.close();
            throw e;
        }
        return new ScratchDevice(registry, link, claim, null, device);
    }

    private static ScratchDevice createLoop(Registry registry, String tag, long size, Path backingDir) throws IOException {
        Path file = backingDir.resolve(tag + "-scratch.img");
        Claim claim = registry.claim(Claim.Kind.BACKING_FILE, file.toString());
        try {
            SparseFile.create(file, size);
            return new ScratchDevice(registry, file, claim, LoopDevice.attach(registry, file, 512, true), null);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            registry.release(claim);
            throw e;
        }
    }

    /** The block device to mkfs and mount. */
    String path() {
        return (java != null ? java.path() : loop.path()).toString();
    }

    /** Variables the section gets besides SCRATCH_DEV. */
    Map<String, String> vars() {
        return java != null ? Map.of(JavaDevice.CONTROL_ENV, file.toString()) : Map.of();
    }

    String describe() {
        return java != null ? "the Java device (FUSE + loop, direct I/O, served by "
                + (servedByProcess() ? "its own JVM" : "the runner") + ") over a sparse file in /dev/shm, control "
                + java.controlSocket() : "loop device (direct I/O) over a sparse file in " + file.getParent();
    }

    /** Unsticks the kernel after a hung test: aborts the Java device's FUSE connection (no-op for a loop device). */
    void abort() throws IOException {
        if (java != null) {
            java.abort();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (java != null) {
                java.close();
            } else {
                loop.close();
            }
        } finally {
            Files.deleteIfExists(file);
            registry.release(fileClaim);
        }
    }
}
