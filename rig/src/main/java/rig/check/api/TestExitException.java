package rig.check.api;

/**
 * A test that bailed out the way fstests' {@code _fail} does: its words are already in the
 * transcript and the .full log; the runner reports "failed, exit status N".
 */
public class TestExitException extends RuntimeException {
    private final int status;

    public TestExitException(int status) {
        super("exit status " + status);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
