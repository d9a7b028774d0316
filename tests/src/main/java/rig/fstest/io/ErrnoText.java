package rig.fstest.io;

import rig.sys.LibC;

/** strerror(3) text, as the tools fstests runs print it ("Input/output error"). */
public final class ErrnoText {
    private ErrnoText() {
    }

    public static String strerror(int errno) {
        return LibC.INSTANCE.strerror(errno);
    }
}
