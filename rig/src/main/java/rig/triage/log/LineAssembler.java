package rig.triage.log;

import java.io.IOException;
import java.io.Reader;
import java.util.function.Consumer;

/**
 * Cuts a character stream into physical lines without holding more than one line. Lines longer
 * than {@link #MAX_LINE} characters are cut there (flattened mail archives have lines of 100 kB;
 * a cut may split one record, never more).
 */
public final class LineAssembler {
    public static final int MAX_LINE = 64 * 1024;

    private final Consumer<String> out;
    private final StringBuilder line = new StringBuilder(256);
    private boolean lastWasCr;

    public LineAssembler(Consumer<String> out) {
        this.out = out;
    }

    public void feed(char[] buf, int off, int len) {
        int start = off;
        int end = off + len;
        for (int i = off; i < end; i++) {
            char c = buf[i];
            if (c == 0) {
                // NUL bytes of a console log (a serial line reset, holes in a ring buffer) carry nothing
                line.append(buf, start, i - start);
                start = i + 1;
                continue;
            }
            if (c == '\n' || c == '\r') {
                if (c == '\n' && lastWasCr && i == start) {
                    start = i + 1;
                    lastWasCr = false;
                    continue;
                }
                line.append(buf, start, i - start);
                emit();
                lastWasCr = c == '\r';
                start = i + 1;
            } else {
                lastWasCr = false;
                if (line.length() + (i - start) >= MAX_LINE) {
                    line.append(buf, start, i - start);
                    emit();
                    start = i;
                }
            }
        }
        line.append(buf, start, end - start);
    }

    /** Emits the last line if it had no newline. */
    public void finish() {
        if (line.length() > 0) {
            emit();
        }
    }

    private void emit() {
        out.accept(line.toString());
        line.setLength(0);
    }

    /** Reads the whole reader through an assembler; the reader is not closed. */
    public static void readAll(Reader in, Consumer<String> lines) throws IOException {
        LineAssembler a = new LineAssembler(lines);
        char[] buf = new char[64 * 1024];
        for (int n; (n = in.read(buf)) >= 0; ) {
            a.feed(buf, 0, n);
        }
        a.finish();
    }
}
