package rig.fstest.io;

import rig.sys.LibC;

/**
 * The outcome of one read or write call, as the test sees it: the byte count it returned (it
 * may be short) or the errno of a failure. Tests that loop over short transfers use it.
 */
public record Transfer(long requested, long done, int errno) {

    static Transfer of(long requested, long ret) {
        return ret < 0 ? new Transfer(requested, 0, LibC.errno()) : new Transfer(requested, ret, 0);
    }

    public boolean failed() {
        return errno != 0;
    }

    public boolean isShort() {
        return !failed() && done < requested;
    }

    public String describeError() {
        return LibC.describe(errno);
    }

    @Override
    public String toString() {
        return failed() ? "failed: " + describeError() : done + "/" + requested + " bytes";
    }
}
