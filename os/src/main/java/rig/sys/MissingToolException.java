package rig.sys;

import java.io.IOException;

/** A program the rig runs is not installed: names it, its Debian package and the command that installs it. */
public final class MissingToolException extends IOException implements UsageError {
    private final String tool;

    public MissingToolException(String tool) {
        super(tool + " is not installed: install " + Tools.packageOf(tool).orElse("the package that provides it")
                + (Tools.packageOf(tool).isPresent() ? " (apt-get install " + Tools.packageOf(tool).get()
                + ", or bin/setup)" : ""));
        this.tool = tool;
    }

    public String tool() {
        return tool;
    }
}
