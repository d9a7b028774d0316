package rig.fstest.io;

import rig.sys.LibC;

/** The errno behind a failed call, kept as the cause of the IOException that reports it. */
public final class ErrnoException extends Exception {
    private final int errno;

    public ErrnoException(int errno) {
        super(LibC.describe(errno));
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }

    /** The errno carried by {@code t} or its causes, or 0. */
    public static int of(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ErrnoException e) {
                return e.errno;
            }
        }
        return 0;
    }
}
