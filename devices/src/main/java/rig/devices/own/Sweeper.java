package rig.devices.own;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import rig.sys.Errno;
import rig.sys.Exec;
import rig.sys.LibC;
import rig.sys.Unmount;

/**
 * Removes what a killed rig left behind: every orphaned claim (owner process gone), kind by
 * kind in {@link Claim.Kind} order (processes, then mounts, ..., then files), each only after
 * checking that the thing is still the one the claim names. Claims of live owners are never
 * touched. A claim is forgotten once its thing is gone; one that could not be removed stays.
 */
public final class Sweeper {

    private static final LibC C = LibC.INSTANCE;
    private static final long LOOP_CLR_FD = 0x4C01;

    private Sweeper() {
    }

    /** Sweeps the orphans of {@code registry}; one line per claim: kind, resource, outcome. */
    public static List<String> sweep(Registry registry) {
        List<String> report = new ArrayList<>();
        for (Claim.Kind kind : Claim.Kind.values()) {
            // re-read per kind: killing an orphaned process orphans the claims it held
            List<Claim> orphans = registry.orphans().stream().filter(c -> c.kind() == kind).toList();
            List<Long> killed = new ArrayList<>();
            for (Claim claim : orphans) {
                report.add(settle(registry, claim, c -> remove(registry, c, killed)));
            }
            awaitExit(killed, Duration.ofSeconds(10));
        }
        for (Path tmp : registry.orphanedTemporaries()) {
            try {
                Files.deleteIfExists(tmp);
                report.add("claim file " + tmp.getFileName() + " (its writer was killed): deleted");
            } catch (IOException e) {
                report.add("claim file " + tmp.getFileName() + ": FAILED: " + e.getMessage());
            }
        }
        return report;
    }

    /** Whether a thing is gone, and what was done or why it was kept. */
    public record Outcome(boolean gone, String text) {
    }

    private static Outcome remove(Registry registry, Claim claim, List<Long> killed) throws IOException {
        return switch (claim.kind()) {
            case CONTAINER -> removeContainer(claim.resource());
            case PROCESS -> killProcess(claim.resource(), killed);
            case MOUNT -> unmount(Path.of(claim.resource()));
            case TRACE_INSTANCE -> removeDirectory(Path.of(claim.resource()), "tracing instance");
            case DM_DEVICE -> removeDm(claim.resource());
            case LOOP_DEVICE -> detachLoop(claim.resource());
            case FUSE_MOUNT -> abortFuse(registry, Path.of(claim.resource()));
            case BACKING_FILE -> deleteFile(Path.of(claim.resource()));
            case DIRECTORY -> deleteTree(Path.of(claim.resource()));
        };
    }

    /**
     * Sweeps the registry of a rig that ran in PID and mount namespaces which are gone (a removed
     * container, whose state directory was shared with this host): its processes, mounts and FUSE
     * mounts died with the namespaces and its files with the container's file system, so those claims
     * are only forgotten; what outlives namespaces (loop and dm devices, tracing instances, all seen
     * at the same paths here) is removed as in {@link #sweep}. One line per claim.
     */
    public static List<String> sweepGoneNamespaces(Registry registry) {
        List<String> report = new ArrayList<>();
        for (Claim claim : registry.claims().stream().sorted(java.util.Comparator.comparing(Claim::kind)).toList()) {
            report.add(settle(registry, claim, c -> switch (c.kind()) {
                case TRACE_INSTANCE, DM_DEVICE, LOOP_DEVICE -> remove(registry, c, new ArrayList<>());
                default -> new Outcome(true, "gone with the container's namespaces");
            }));
        }
        return report;
    }

    /** How one claim's thing is removed. */
    private interface Removal {
        Outcome apply(Claim claim) throws IOException;
    }

    /** Removes what {@code claim} names, forgets the claim once the thing is gone; the report line. */
    private static String settle(Registry registry, Claim claim, Removal removal) {
        Outcome o;
        try {
            o = removal.apply(claim);
        } catch (IOException | RuntimeException e) {
            o = new Outcome(false, "FAILED: " + e.getMessage());
        }
        if (o.gone) {
            registry.release(claim);
        }
        return claim.kind() + " " + claim.resource() + ": " + o.text;
    }

    /** Removes a container through the engine on the class path ({@link ContainerRemover}); kept when there is none. */
    static Outcome removeContainer(String resource) throws IOException {
        java.util.Optional<ContainerRemover> remover = java.util.ServiceLoader.load(ContainerRemover.class).findFirst();
        if (remover.isEmpty()) {
            return new Outcome(false, "kept: no container engine on the class path (build the containers module:"
                    + " mvn -DskipTests package)");
        }
        return remover.get().remove(resource);
    }

    /** The registry resource of a process: "pid|start ticks|what it is". */
    public static String processResource(ProcessHandle process, String what) {
        return process.pid() + "|" + Claim.startTicks(process.pid()) + "|" + what;
    }

    static Outcome killProcess(String resource, List<Long> killed) {
        String[] f = resource.split("\\|", 3);
        long pid = Long.parseLong(f[0]);
        long start = Long.parseLong(f[1]);
        long now = Claim.startTicks(pid);
        if (now < 0) {
            return new Outcome(true, "already exited");
        }
        if (now != start) {
            return new Outcome(true, "pid " + pid + " now belongs to another process; left alone");
        }
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        if (p.isPresent() && p.get().destroyForcibly()) {
            killed.add(pid);
            return new Outcome(true, "killed pid " + pid + " with SIGKILL");
        }
        return new Outcome(Claim.startTicks(pid) != start, "could not kill pid " + pid);
    }

    static Outcome unmount(Path mountPoint) throws IOException {
        if (Mounts.at(mountPoint).isEmpty()) {
            return new Outcome(true, "not mounted");
        }
        Unmount.lazilyOrThrow(mountPoint, "");
        return new Outcome(true, "unmounted (lazy)");
    }

    static Outcome removeDirectory(Path dir, String what) throws IOException {
        if (!Files.exists(dir)) {
            return new Outcome(true, "already gone");
        }
        Files.delete(dir);
        return new Outcome(true, "removed " + what);
    }

    static Outcome removeDm(String name) throws IOException {
        if (!Files.exists(Path.of("/dev/mapper/control"))) {
            return new Outcome(true, "device-mapper not available in this kernel; nothing to remove");
        }
        if (!Files.exists(Path.of("/dev/mapper", name))) {
            return new Outcome(true, "already gone");
        }
        Exec.run(Duration.ofSeconds(30), null, rig.devices.dm.DeviceMapper.dmsetupEnvironment(),
                List.of("dmsetup", "remove", "--retry", name)).orThrow();
        return new Outcome(true, "removed with dmsetup");
    }

    /**
     * Detaches the loop device of a claim "/dev/loopN|backing file|inode@device" if the same file
     * (by inode and device: a path means nothing once the namespace that saw it is gone) still backs
     * it; a claim without the identity is matched by the backing file's path.
     */
    public static Outcome detachLoop(String resource) throws IOException {
        String[] f = resource.split("\\|", 3);
        Path dev = Path.of(f[0]);
        String backing = f.length > 1 ? f[1] : "";
        Path sys = Path.of("/sys/block", dev.getFileName().toString(), "loop", "backing_file");
        if (!Files.exists(sys)) {
            return new Outcome(true, "already detached");
        }
        String current = Files.readString(sys).strip();
        if (f.length < 3 && !current.equals(backing) && !current.equals(backing + " (deleted)")) {
            return new Outcome(true, "now backs " + current + "; left alone");
        }
        int fd = C.open(dev.toString(), LibC.O_RDONLY | LibC.O_CLOEXEC, 0);
        if (fd < 0) {
            throw new IOException("cannot open " + dev + ": " + LibC.describe(LibC.errno()));
        }
        try {
            if (f.length == 3) {
                java.util.Optional<String> identity = rig.devices.loop.LoopDevice.backingIdentity(fd);
                if (identity.isEmpty()) {
                    return new Outcome(true, "already detached");
                }
                if (!identity.get().equals(f[2])) {
                    return new Outcome(true, "now backs " + current + " (file " + identity.get() + ", not " + f[2]
                            + "); left alone");
                }
            }
            if (C.ioctl(fd, LOOP_CLR_FD, 0L) != 0 && LibC.errno() != Errno.ENXIO) {
                throw new IOException("LOOP_CLR_FD failed: " + LibC.describe(LibC.errno()));
            }
        } finally {
            C.close(fd);
        }
        return new Outcome(true, "detached (the kernel finishes when the last opener closes it)");
    }

    static Outcome abortFuse(Registry registry, Path mountPoint) throws IOException {
        Optional<Mounts.Mount> m = Mounts.at(mountPoint);
        if (m.isEmpty() || !m.get().fsType().startsWith("fuse")) {
            return new Outcome(true, "not mounted");
        }
        String aborted = FuseConnections.abort(registry, m.get().minor()) ? "connection " + m.get().minor() + " aborted, "
                : "connection " + m.get().minor() + " already gone, ";
        Unmount.lazilyOrThrow(mountPoint, aborted);
        return new Outcome(true, aborted + "unmounted (lazy)");
    }

    static Outcome deleteFile(Path file) throws IOException {
        return new Outcome(true, Files.deleteIfExists(file) ? "deleted" : "already gone");
    }

    /** Deletes {@code dir} and what is in it, unless something is mounted inside (it never deletes through a mount). */
    public static Outcome deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return new Outcome(true, "already gone");
        }
        List<Mounts.Mount> inside = Mounts.under(dir);
        if (!inside.isEmpty()) {
            return new Outcome(false, "kept: " + inside.get(0).mountPoint() + " is still mounted");
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
        return new Outcome(true, "deleted");
    }

    /** Alive and not a zombie. */
    static boolean running(long pid) {
        return Claim.startTicks(pid) >= 0 && !Claim.zombie(pid);
    }

    private static void awaitExit(List<Long> pids, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        for (long pid : pids) {
            while (running(pid) && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
