package rig.sys;

/**
 * Marks an exception caused by the user's input or host, not by the rig: a bad option or table, a
 * configuration the rig refuses, a missing tool. Its message is one line naming the input and the fix;
 * the CLI prints it and exits with status 2 (an exception without this mark is a rig bug, status 3).
 */
public interface UsageError {
}
