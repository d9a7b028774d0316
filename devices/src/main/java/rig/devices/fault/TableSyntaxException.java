package rig.devices.fault;

import java.io.IOException;

/**
 * A fault table that does not parse: names the input, the line number, what is wrong and how
 * to write it instead, in one line (a CLI maps it to exit status 2).
 */
public final class TableSyntaxException extends IOException {

    private final String source;
    private final int line;
    private final String reason;

    public TableSyntaxException(String source, int line, String reason) {
        super(source + " line " + line + ": " + reason);
        this.source = source;
        this.line = line;
        this.reason = reason;
    }

    /** The table's name as the caller gave it ("table", a file name, ...). */
    public String source() {
        return source;
    }

    /** 1-based number of the offending line. */
    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
