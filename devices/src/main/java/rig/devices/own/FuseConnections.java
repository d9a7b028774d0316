package rig.devices.own;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import rig.sys.Errno;
import rig.sys.LibC;
import rig.sys.Unmount;

/**
 * The FUSE control filesystem (fusectl on /sys/fs/fuse/connections): one directory per
 * connection, named by the minor number of the FUSE mount's device, whose "abort" file fails
 * every pending and future request of that connection, so a hung umount can proceed.
 */
public final class FuseConnections {

    public static final Path DIR = Path.of("/sys/fs/fuse/connections");

    private FuseConnections() {
    }

    /**
     * Aborts connection {@code connection}; false when no such connection exists (any more).
     * When fusectl is not mounted on {@link #DIR}, mounts it (claimed) for the abort and
     * unmounts it after, so the host is left as it was found.
     */
    public static synchronized boolean abort(Registry registry, int connection) throws IOException {
        Claim mountedHere = mountIfMissing(registry);
        try {
            Path abort = DIR.resolve(Integer.toString(connection)).resolve("abort");
            if (!Files.exists(abort)) {
                return false;
            }
            Files.writeString(abort, "1");
            return true;
        } finally {
            if (mountedHere != null) {
                Unmount.lazily(DIR);
                registry.release(mountedHere);
            }
        }
    }

    /** Mounts fusectl when nothing is mounted on {@link #DIR}; the claim of that mount, else null. */
    private static Claim mountIfMissing(Registry registry) throws IOException {
        if (Mounts.at(DIR).isPresent()) {
            return null;
        }
        Claim claim = registry.claim(Claim.Kind.MOUNT, DIR.toString());
        if (LibC.INSTANCE.mount("fusectl", DIR.toString(), "fusectl", 0, null) != 0) {
            int errno = LibC.errno();
            registry.release(claim);
            if (errno != Errno.EBUSY) {
                throw new IOException("cannot mount fusectl on " + DIR + ": " + LibC.describe(errno)
                        + " (is the fuse module loaded? are we root?)");
            }
            return null;
        }
        return claim;
    }
}
