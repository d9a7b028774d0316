package rig.fstest.fs;

import java.util.ArrayList;
import java.util.List;

/** The mkfs and fsck command lines of each filesystem type, as fstests builds them. */
final class FsTools {
    private FsTools() {
    }

    static String mkfsProgram(String fstyp) {
        return "mkfs." + fstyp;
    }

    /** mkfs of {@code dev} with the MKFS_OPTIONS words, sized to {@code bytes} when > 0. */
    static List<String> mkfs(String fstyp, String dev, List<String> options, long bytes) {
        List<String> cmd = new ArrayList<>();
        cmd.add(mkfsProgram(fstyp));
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

    /** The read-only check fstests runs after a test (_check_scratch_fs). */
    static List<String> fsck(String fstyp, String dev) {
        return switch (fstyp) {
            case "btrfs" -> List.of("btrfs", "check", "--readonly", dev);
            case "xfs" -> List.of("xfs_repair", "-n", dev);
            case "ext2", "ext3", "ext4" -> List.of("e2fsck", "-fn", dev);
            default -> throw new IllegalArgumentException("no fsck known for FSTYP=" + fstyp);
        };
    }

    /** Splits MKFS_OPTIONS into words (no shell quoting in the rig's configs). */
    static List<String> words(String options) {
        String t = options == null ? "" : options.trim();
        return t.isEmpty() ? List.of() : List.of(t.split("\\s+"));
    }
}
