package rig.checkers.fsck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import rig.devices.fs.FsCommands;
import rig.devices.own.Mounts;
import rig.sys.Exec;

/**
 * Read-only filesystem checks, as fstests runs them: btrfs check --readonly, xfs_repair -n,
 * e2fsck -fn. Never on a mounted device (the results would be meaningless and xfs_repair
 * refuses): callers unmount first, or get {@link Result#skipped}.
 */
public final class Fsck {

    /** What one check did: ran (ok or corrupt), timed out, or was skipped (and why). */
    public record Result(String device, String fstype, List<String> command, int exitCode, boolean timedOut,
                         String output, String skipped) {
        public boolean ok() {
            return skipped != null || (!timedOut && exitCode == 0);
        }

        public boolean ran() {
            return skipped == null;
        }

        /** "btrfs check --readonly /dev/loop3: exit 1" or "skipped /dev/sdb: mounted at /mnt". */
        public String summary() {
            if (skipped != null) {
                return "skipped " + device + ": " + skipped;
            }
            return String.join(" ", command) + ": " + (timedOut ? "timed out" : "exit " + exitCode)
                    + (ok() ? " (clean)" : exitCode == 8 && fstype.startsWith("ext") ? " (operational error)" : " (corrupt)");
        }
    }

    private Fsck() {
    }

    /** The read-only check command for a filesystem type, or empty when the rig knows none. */
    public static Optional<List<String>> command(String fstype, String device) {
        return FsCommands.fsck(fstype, device);
    }

    /**
     * Checks {@code device}, whose type is read with blkid ({@code fstype} only when blkid is not
     * installed); skips a missing or mounted device, one without a filesystem signature, or an
     * unknown type.
     */
    public static Result check(String device, String fstype, Duration timeout) throws IOException {
        if (!Files.exists(Path.of(device))) {
            return skipped(device, fstype, "no such device");
        }
        Optional<Mounts.Mount> mount = mountOf(device);
        if (mount.isPresent()) {
            return skipped(device, fstype, "mounted at " + mount.get().mountPoint());
        }
        // blkid decides: a SCRATCH_DEV the test never formatted holds no filesystem to check.
        // FSTYP is only the fallback on a host without blkid.
        String type = Exec.onPath("blkid") ? blkidType(device).orElse("") : fstype == null ? "" : fstype;
        if (type.isEmpty()) {
            return skipped(device, "", "no filesystem signature (blkid -p)");
        }
        Optional<List<String>> cmd = command(type, device);
        if (cmd.isEmpty()) {
            return skipped(device, type, "no read-only check known for " + type);
        }
        Exec.Result r = Exec.run(timeout, cmd.get());
        return new Result(device, type, cmd.get(), r.exitCode(), r.timedOut(), r.output(), null);
    }

    static Optional<String> blkidType(String device) {
        try {
            Exec.Result r = Exec.run(Duration.ofSeconds(30), "blkid", "-p", "-o", "value", "-s", "TYPE", device);
            String t = r.stdout().strip();
            return r.exitCode() == 0 && !t.isEmpty() ? Optional.of(t) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Mounts.Mount> mountOf(String device) throws IOException {
        try {
            return Mounts.ofDevice(device).stream().findFirst();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static Result skipped(String device, String fstype, String why) {
        return new Result(device, fstype == null ? "" : fstype, List.of(), -1, false, "", why);
    }
}
