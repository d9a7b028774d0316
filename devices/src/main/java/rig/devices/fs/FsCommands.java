package rig.devices.fs;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import rig.sys.Exec;

/**
 * The mkfs and fsck command lines of each filesystem type the rig supports, as fstests builds
 * them, and the one way to run mkfs: the runner (TEST and SCRATCH of the embedded default) and
 * the tests (rig.fstest's _scratch_mkfs) both go through here.
 */
public final class FsCommands {

    private static final String ENOTCONN = "Transport endpoint is not connected";
    private static final int MKFS_RETRIES = 5;
    private static final long MKFS_RETRY_PAUSE_MS = 300;

    private FsCommands() {
    }

    /**
     * mkfs of {@code dev} with the MKFS_OPTIONS words, sized to {@code bytes} when > 0; forced
     * (an existing signature is overwritten). An unsupported type is an IllegalArgumentException
     * naming the supported ones.
     */
    /**
     * mkfs options that leave the device's old blocks in place (no discard at mkfs, which on a
     * thin or tmpfs-backed device would zero them): for tests that need what was there before.
     */
    public static List<String> noDiscard(String fstyp) {
        return switch (fstyp) {
            case "btrfs", "xfs" -> List.of("-K");
            case "ext2", "ext3", "ext4" -> List.of("-E", "nodiscard");
            default -> List.of();
        };
    }

    public static List<String> mkfs(String fstyp, String dev, List<String> options, long bytes) {
        List<String> cmd = new ArrayList<>();
        cmd.add("mkfs." + fstyp);
        switch (fstyp) {
            case "btrfs" -> {
                cmd.add("-f");
                cmd.addAll(options);
                if (bytes > 0) {
                    cmd.addAll(List.of("-b", Long.toString(bytes)));
                }
                cmd.add(dev);
            }
            case "xfs" -> {
                cmd.add("-f");
                cmd.addAll(options);
                if (bytes > 0) {
                    cmd.addAll(List.of("-d", "size=" + bytes));
                }
                cmd.add(dev);
            }
            case "ext2", "ext3", "ext4" -> {
                cmd.addAll(List.of("-F", "-q"));
                cmd.addAll(options);
                cmd.add(dev);
                if (bytes > 0) {
                    cmd.add((bytes / 1024) + "k");
                }
            }
            default -> throw new IllegalArgumentException("FSTYP=" + fstyp
                    + " is not supported by the rig (use btrfs, xfs, ext2, ext3 or ext4)");
        }
        return cmd;
    }

    /** The read-only check fstests runs after a test (_check_scratch_fs); empty for an unknown type. */
    public static Optional<List<String>> fsck(String fstyp, String dev) {
        return Optional.ofNullable(switch (fstyp) {
            case "btrfs" -> List.of("btrfs", "check", "--readonly", dev);
            case "xfs" -> List.of("xfs_repair", "-n", dev);
            case "ext2", "ext3", "ext4" -> List.of("e2fsck", "-fn", dev);
            default -> null;
        });
    }

    /** Splits MKFS_OPTIONS into words (no shell quoting in the rig's configs). */
    public static List<String> words(String options) {
        String t = options == null ? "" : options.trim();
        return t.isEmpty() ? List.of() : List.of(t.split("\\s+"));
    }

    /**
     * Formats {@code dev} as {@code fstyp} over the whole device with MKFS_OPTIONS {@code options}
     * (null: none): {@link #mkfs} run by {@link #runMkfs}. Check {@code Result.ok()} or {@code orThrow()}.
     */
    public static Exec.Result format(Duration timeout, String fstyp, String dev, String options) throws IOException {
        return runMkfs(timeout, Map.of(), mkfs(fstyp, dev, words(options), 0));
    }

    /**
     * Runs a {@link #mkfs} command line with extra environment {@code env}. mkfs (libblkid)
     * stats every mount to see whether the device is in use, and a FUSE mount another process
     * has just aborted answers "Transport endpoint is not connected" until it is unmounted: that
     * failure is retried a few times (300 ms apart) before it is returned.
     */
    public static Exec.Result runMkfs(Duration timeout, Map<String, String> env, List<String> cmd) throws IOException {
        Exec.Result r = Exec.run(timeout, null, env, cmd);
        for (int retry = 0; retry < MKFS_RETRIES && !r.ok() && r.output().contains(ENOTCONN); retry++) {
            try {
                Thread.sleep(MKFS_RETRY_PAUSE_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return r;
            }
            r = Exec.run(timeout, null, env, cmd);
        }
        return r;
    }
}
