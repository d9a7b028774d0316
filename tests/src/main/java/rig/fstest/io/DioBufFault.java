package rig.fstest.io;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import jnr.ffi.Pointer;
import rig.sys.LibC;

/**
 * fstests' {@code src/dio-buf-fault} (generic/708), written anew: map the source file
 * privately, touch its first page, and write the whole mapping to the destination with
 * O_DIRECT, continuing after short writes. Only the first page is in the page tables when the
 * write starts, so the kernel faults on the rest of the buffer in the middle of the write: the
 * partial direct write.
 */
public final class DioBufFault {
    private static final String PROGRAM = "dio-buf-fault";

    /**
     * What the program did: its exit status (the bytes it could not write, truncated to eight bits
     * as exit(3) truncates them; 1 after a failed write) and the write calls.
     */
    public record Result(int exitStatus, WriteSummary writes) {
    }

    /** Which pages of the mapped source are faulted in before the write (dio-buf-fault touches the first). */
    public enum Touch {
        /** None: the write faults at byte 0. */
        NONE,
        /** The first page, as fstests' helper does. */
        FIRST_PAGE,
        /** Every other page: the write faults again and again, many partial bios. */
        EVERY_OTHER_PAGE
    }

    private DioBufFault() {
    }

    /** Runs the copy; {@code stderr} gets err(3)'s line when a write fails; {@code listener} hears each write call. */
    public static Result run(Path src, Path dst, PrintStream stderr, WriteListener listener) throws IOException {
        return run(src, dst, stderr, listener, Touch.FIRST_PAGE);
    }

    /** As fstests' helper, with {@code touch} choosing which source pages are in the page tables when the write starts. */
    public static Result run(Path src, Path dst, PrintStream stderr, WriteListener listener, Touch touch)
            throws IOException {
        try (OpenFile in = OpenFile.open(src, LibC.O_RDWR)) {
            long size = Files.size(src);
            try (Mapping buf = Mapping.map(in, size, LibC.PROT_READ, false)) {
                touch(buf, size, touch);
                return doDio(dst, buf.at(0), size, stderr, listener);
            }
        }
    }

    private static void touch(Mapping buf, long size, Touch touch) {
        long page = LibC.INSTANCE.getpagesize();
        switch (touch) {
            case FIRST_PAGE -> buf.touch(0);
            case EVERY_OTHER_PAGE -> {
                for (long off = 0; off < size; off += 2 * page) {
                    buf.touch(off);
                }
            }
            default -> { }
        }
    }

    private static Result doDio(Path dst, Pointer buf, long size, PrintStream stderr, WriteListener listener)
            throws IOException {
        try (OpenFile fd = OpenFile.open(dst, LibC.O_CREAT | LibC.O_TRUNC | LibC.O_WRONLY | LibC.O_DIRECT)) {
            long done = 0;
            int calls = 0;
            Transfer t = null;
            while (done < size) {
                t = fd.pwrite(buf.slice(done, size - done), size - done, done);
                listener.call(done, size - done, t);
                calls++;
                if (t.failed()) {
                    stderr.println(PROGRAM + ": failed to write " + (size - done) + " bytes to " + fd.fd() + ": "
                            + ErrnoText.strerror(t.errno()));
                    return new Result(1, new WriteSummary(0, size, done, t, calls));
                }
                if (t.done() == 0) {
                    break;
                }
                done += t.done();
            }
            return new Result((int) ((size - done) & 0xff), new WriteSummary(0, size, done, t, calls));
        }
    }
}
