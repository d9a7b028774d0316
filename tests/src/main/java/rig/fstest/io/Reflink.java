package rig.fstest.io;

import java.io.IOException;
import java.nio.file.Path;
import rig.sys.LibC;

/** Reflink copies: the FICLONE ioctl, which makes {@code dst} share all of {@code src}'s extents. */
public final class Reflink {
    private Reflink() {
    }

    /** {@code cp --reflink=always src dst}: creates or truncates dst, then clones. */
    public static void copy(Path src, Path dst) throws IOException {
        try (OpenFile in = OpenFile.open(src, LibC.O_RDONLY);
             OpenFile out = OpenFile.open(dst, LibC.O_WRONLY | LibC.O_CREAT | LibC.O_TRUNC)) {
            clone(in, out);
        }
    }

    public static void clone(OpenFile src, OpenFile dst) throws IOException {
        if (LibC.INSTANCE.ioctl(dst.fd(), LibC.FICLONE, (long) src.fd()) < 0) {
            int err = LibC.errno();
            throw new IOException("FICLONE from " + src.path() + " to " + dst.path() + " failed: "
                    + LibC.describe(err), new ErrnoException(err));
        }
    }
}
