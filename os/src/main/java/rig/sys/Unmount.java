package rig.sys;

import java.io.IOException;
import java.nio.file.Path;

/**
 * umount2(2), the one place that knows its flags: a plain unmount, a lazy detach (the mount
 * leaves the namespace at once and goes away when its last user does), and the rig's usual
 * "unmount, else detach lazily" for cleanup paths that must not block.
 */
public final class Unmount {
    /** umount2's MNT_DETACH. */
    static final int MNT_DETACH = 2;

    private Unmount() {
    }

    /** umount2(target, 0); 0 when it worked, else the errno. */
    public static int now(Path target) {
        return LibC.INSTANCE.umount2(target.toString(), 0) == 0 ? 0 : LibC.errno();
    }

    /** umount2(target, MNT_DETACH); 0 when it worked, else the errno. */
    public static int lazily(Path target) {
        return LibC.INSTANCE.umount2(target.toString(), MNT_DETACH) == 0 ? 0 : LibC.errno();
    }

    /** {@link #lazily}, or an IOException saying what failed ({@code what} first, e.g. "connection 42 aborted, "). */
    public static void lazilyOrThrow(Path target, String what) throws IOException {
        int errno = lazily(target);
        if (errno != 0) {
            throw new IOException(what + "umount2(" + target + ", MNT_DETACH) failed: " + LibC.describe(errno));
        }
    }

    /**
     * Unmounts {@code target}, detaching it lazily when the plain unmount fails (busy); true
     * when the plain unmount worked. Never throws: for cleanup.
     */
    public static boolean orDetach(Path target) {
        if (now(target) == 0) {
            return true;
        }
        lazily(target);
        return false;
    }
}
