package rig.devices.own;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import rig.sys.Errno;
import rig.sys.LibC;

/**
 * The FUSE control filesystem (fusectl on /sys/fs/fuse/connections): one directory per
 * connection, named by the minor number of the FUSE mount's device, whose "abort" file fails
 * every pending and future request of that connection, so a hung umount can proceed.
 */
public final class FuseConnections {

    public static final Path DIR = Path.of("/sys/fs/fuse/connections");

    private FuseConnections() {
    }

    /** Mounts fusectl when nothing is mounted on {@link #DIR}, claiming the mount. */
    public static synchronized void ensureMounted(Registry registry) throws IOException {
        if (Mounts.at(DIR).isPresent()) {
            return;
        }
        Claim claim = registry.claim(Claim.Kind.MOUNT, DIR.toString());
        if (LibC.INSTANCE.mount("fusectl", DIR.toString(), "fusectl", 0, null) != 0) {
            int errno = LibC.errno();
            registry.release(claim);
            if (errno != Errno.EBUSY) {
                throw new IOException("cannot mount fusectl on " + DIR + ": " + LibC.describe(errno)
                        + " (is the fuse module loaded? are we root?)");
            }
        }
    }

    /** Aborts connection {@code connection}; false when no such connection exists (any more). */
    public static boolean abort(Registry registry, int connection) throws IOException {
        ensureMounted(registry);
        Path abort = DIR.resolve(Integer.toString(connection)).resolve("abort");
        if (!Files.exists(abort)) {
            return false;
        }
        Files.writeString(abort, "1");
        return true;
    }

    /** Requests of the connection waiting for an answer, or -1 when it does not exist. */
    public static int waiting(int connection) {
        try {
            return Integer.parseInt(Files.readString(DIR.resolve(Integer.toString(connection)).resolve("waiting")).strip());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
