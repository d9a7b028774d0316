package rig.check.api;

/** An unmet requirement: the test is reported "not run" with this reason, as fstests does. */
public class NotRunException extends RuntimeException {
    public NotRunException(String reason) {
        super(reason);
    }
}
