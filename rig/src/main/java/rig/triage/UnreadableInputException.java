package rig.triage;

/** The input cannot be triaged; the message is one line naming the input and the fix (exit status 2). */
public final class UnreadableInputException extends Exception {
    public UnreadableInputException(String message) {
        super(message);
    }

    public UnreadableInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
