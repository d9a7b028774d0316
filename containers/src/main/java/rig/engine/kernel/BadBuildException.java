package rig.engine.kernel;

import java.io.IOException;

/** A kernel build the rig cannot start as asked: one line naming the input and the fix (exit status 2). */
public final class BadBuildException extends IOException implements rig.sys.UsageError {
    public BadBuildException(String message) {
        super(message);
    }
}
