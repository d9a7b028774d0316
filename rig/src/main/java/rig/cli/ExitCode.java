package rig.cli;

import rig.check.run.Runner;

/** The rig's exit statuses; mapped from results and exceptions in {@link RigMain} only. */
public enum ExitCode {
    /** Nothing failed (not-run tests are not failures). */
    OK(0),
    /** A test failed. */
    TEST_FAILED(1),
    /** Bad usage or configuration: unknown test, group, section or option; a refused device; not root. */
    USAGE(2),
    /** The rig itself failed (a bug, or the host could not be recovered); see the message, --verbose for the trace. */
    INTERNAL(3),
    /** A hung test left the host unrecoverable (a mount that will not go away): the run stopped early. */
    HOST_LOST(4),
    /** A signal stopped the run (after removing what it made): 128 + the signal's number, as shells report it. */
    SIGHUP(129),
    SIGINT(130),
    SIGTERM(143);

    private final int status;

    ExitCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** The exit code for what a command returned: a run's outcome, an exit status, or nothing. */
    static ExitCode of(Object result) {
        if (result instanceof Runner.Outcome o) {
            return switch (o) {
                case PASSED -> OK;
                case FAILED -> TEST_FAILED;
                case HOST_LOST -> HOST_LOST;
                case INTERRUPTED_BY_SIGHUP -> SIGHUP;
                case INTERRUPTED_BY_SIGINT -> SIGINT;
                case INTERRUPTED_BY_SIGTERM -> SIGTERM;
            };
        }
        if (result instanceof ExitCode c) {
            return c;
        }
        if (result instanceof Integer i) {
            return switch (i) {
                case 0 -> OK;
                case 1 -> TEST_FAILED;
                case 2 -> USAGE;
                default -> INTERNAL;
            };
        }
        return OK;
    }
}
