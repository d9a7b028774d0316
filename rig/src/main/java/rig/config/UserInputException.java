package rig.config;

/**
 * Bad user input: an unknown test, group, section or option, a configuration that names a
 * device the rig may not use, a missing privilege. The message is one line naming the input
 * and the fix; the CLI prints it and exits with status 2.
 */
public class UserInputException extends RuntimeException implements rig.sys.UsageError {
    public UserInputException(String message) {
        super(message);
    }
}
