package rig.engine.vm;

import java.io.IOException;

/** A kernel given to rig vm that the guest cannot boot as the rig needs it: one line naming it and the fix (exit status 2). */
public final class BadKernelException extends IOException implements rig.sys.UsageError {
    public BadKernelException(String message) {
        super(message);
    }
}
