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

    private static final long BTRFS_MIXED_BELOW = 256L << 20;
    private static final long DEFAULT_BLOCK_SIZE = 4096;
    private static final java.util.regex.Pattern XFS_BLOCK_SIZE = java.util.regex.Pattern.compile("-b ?size= ?+(\\d+)");
    private static final java.util.regex.Pattern BTRFS_SECTOR_SIZE = java.util.regex.Pattern.compile("-s ?+(\\d+)");
    private static final java.util.regex.Pattern EXT_BLOCK_SIZE = java.util.regex.Pattern.compile("-b ?+(\\d+)");

    private static final String ENOTCONN = "Transport endpoint is not connected";
    private static final int MKFS_RETRIES = 5;
    private static final long MKFS_RETRY_PAUSE_MS = 300;

    private FsCommands() {
    }

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

    /**
     * mkfs of {@code dev} over the whole device with the MKFS_OPTIONS words, forced (an existing
     * signature is overwritten), as fstests' _scratch_mkfs. An unsupported type is an
     * IllegalArgumentException naming the supported ones.
     */
    public static List<String> mkfs(String fstyp, String dev, List<String> options) {
        List<String> cmd = program(fstyp);
        cmd.addAll(options);
        cmd.add(dev);
        return cmd;
    }

    /**
     * fstests' _scratch_mkfs_sized: a filesystem of {@code bytes}, with {@code extra} after the
     * size options. The block size is the one MKFS_OPTIONS sets, else 4096; btrfs below 256 MiB
     * is made {@code --mixed} (btrfs-progs' minimum device size for separate data and metadata).
     */
    public static List<String> mkfsSized(String fstyp, String dev, List<String> options, long bytes, List<String> extra) {
        List<String> cmd = program(fstyp);
        cmd.addAll(options);
        long blocksize = sizedBlockSize(fstyp, options);
        switch (fstyp) {
            case "btrfs" -> {
                if (bytes < BTRFS_MIXED_BELOW) {
                    cmd.add("--mixed");
                }
                cmd.addAll(List.of("-b", Long.toString(bytes)));
                cmd.addAll(extra);
                cmd.add(dev);
            }
            case "xfs" -> {
                cmd.addAll(List.of("-d", "size=" + bytes));
                if (!XFS_BLOCK_SIZE.matcher(String.join(" ", options)).find()) {
                    cmd.addAll(List.of("-b", "size=" + blocksize));
                }
                cmd.addAll(extra);
                cmd.add(dev);
            }
            default -> {
                cmd.addAll(List.of("-b", Long.toString(blocksize)));
                cmd.addAll(extra);
                cmd.add(dev);
                cmd.add(Long.toString(bytes / blocksize));
            }
        }
        return cmd;
    }

    /** The block size _scratch_mkfs_sized uses: the one MKFS_OPTIONS names, else 4096. */
    static long sizedBlockSize(String fstyp, List<String> options) {
        java.util.regex.Pattern p = switch (fstyp) {
            case "xfs" -> XFS_BLOCK_SIZE;
            case "btrfs" -> BTRFS_SECTOR_SIZE;
            default -> EXT_BLOCK_SIZE;
        };
        java.util.regex.Matcher m = p.matcher(String.join(" ", options));
        return m.find() ? Long.parseLong(m.group(1)) : DEFAULT_BLOCK_SIZE;
    }

    private static List<String> program(String fstyp) {
        return switch (fstyp) {
            case "btrfs", "xfs" -> new ArrayList<>(List.of("mkfs." + fstyp, "-f"));
            case "ext2", "ext3", "ext4" -> new ArrayList<>(List.of("mkfs." + fstyp, "-F"));
            default -> throw new IllegalArgumentException("FSTYP=" + fstyp
                    + " is not supported by the rig (use btrfs, xfs, ext2, ext3 or ext4)");
        };
    }

    /**
     * fstests' _repair_scratch_fs: the repairing check of the unmounted device ({@code yes |}
     * is not needed: btrfs' --force and e2fsck's -y answer for themselves).
     */
    public static Optional<List<String>> repair(String fstyp, String dev) {
        return Optional.ofNullable(switch (fstyp) {
            case "btrfs" -> List.of("btrfs", "check", "--repair", "--force", dev);
            case "xfs" -> List.of("xfs_repair", dev);
            case "ext2", "ext3", "ext4" -> List.of("fsck", "-t", fstyp, "-y", "-f", dev);
            default -> null;
        });
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
        return runMkfs(timeout, Map.of(), mkfs(fstyp, dev, words(options)));
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
