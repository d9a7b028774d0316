package rig.sys;

import java.io.IOException;

/**
 * The host lacks something the command needs that the user provides (a kernel to boot, a build of the tree,
 * a daemon to talk to): one line naming it and the command that provides it; exit status 2.
 */
public final class HostNotReadyException extends IOException implements UsageError {
    public HostNotReadyException(String message) {
        super(message);
    }
}
