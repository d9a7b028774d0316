package rig.fstest.io;

/**
 * What a sequence of write calls achieved, like xfs_io's "wrote N/M bytes at offset X": the
 * bytes written, the last call's result (the failure when one failed), and the call count.
 * A write that stopped without an error made no progress (a zero-byte write, or the caller's
 * bound on calls was reached).
 */
public record WriteSummary(long offset, long requested, long written, Transfer last, int calls) {

    public boolean complete() {
        return written == requested;
    }

    public boolean failed() {
        return last != null && last.failed();
    }

    /** xfs_io's report line, for the .full log. */
    public String xfsIoLine() {
        return "wrote " + written + "/" + requested + " bytes at offset " + offset + " (" + calls + " calls)";
    }

    /** xfs_io's error line ("pwrite: Input/output error"), as fstests transcripts show it; "" when complete. */
    public String errorLine() {
        if (failed()) {
            return "pwrite: " + ErrnoText.strerror(last.errno());
        }
        return complete() ? "" : "pwrite: no progress after " + calls + " calls, wrote " + written + "/" + requested;
    }
}
