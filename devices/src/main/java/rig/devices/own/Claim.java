package rig.devices.own;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * One thing the rig created, and the process that owns it. The owner is identified by PID and
 * its start time (from /proc/PID/stat) so that a reused PID is not mistaken for the owner.
 */
public record Claim(Kind kind, String resource, long ownerPid, long ownerStartTicks, Path file) {

    /**
     * What a claim names, in the order a sweep removes them: a container first (it ends every process
     * inside), mounts before their devices, files last.
     */
    public enum Kind { CONTAINER, PROCESS, MOUNT, TRACE_INSTANCE, DM_DEVICE, LOOP_DEVICE, FUSE_MOUNT, BACKING_FILE,
        DIRECTORY }

    /** The owner still runs: same PID, same start time, and not a zombie waiting to be reaped. */
    public boolean ownerAlive() {
        return alive(ownerPid, ownerStartTicks);
    }

    /** Process {@code pid} that started at {@code startTicks} still runs (not a reused PID, not a zombie). */
    static boolean alive(long pid, long startTicks) {
        long ticks = startTicks(pid);
        return ticks >= 0 && ticks == startTicks && !zombie(pid);
    }

    static boolean zombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    Properties toProperties() {
        Properties p = new Properties();
        p.setProperty("kind", kind.name());
        p.setProperty("resource", resource);
        p.setProperty("owner.pid", Long.toString(ownerPid));
        p.setProperty("owner.start", Long.toString(ownerStartTicks));
        return p;
    }

    static Optional<Claim> read(Path file) {
        Properties p = new Properties();
        try (var in = Files.newInputStream(file)) {
            p.load(in);
            return Optional.of(new Claim(Kind.valueOf(p.getProperty("kind")), p.getProperty("resource"),
                    Long.parseLong(p.getProperty("owner.pid")), Long.parseLong(p.getProperty("owner.start")),
                    file));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Field 22 of /proc/PID/stat (start time in clock ticks), or -1 when the process is gone. */
    public static long startTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(rest[19]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
