package rig.fstest.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import rig.sys.LibC;

/**
 * The workload verbs tests use, after xfs_io's commands: {@code pwrite -S pattern -b bufsize
 * [-d]}, {@code falloc}, {@code reflink}. Everything runs in this process through libc.
 */
public final class Io {
    private Io() {
    }

    /**
     * Writes {@code length} bytes of {@code pattern} at {@code offset} in {@code bufsize} calls,
     * opening {@code file} with {@code flags} (LibC.O_DIRECT, O_DSYNC, O_CREAT...; O_WRONLY is
     * added). Stops at the first failed call, as xfs_io does; a short write is continued.
     */
    public static WriteSummary pwrite(Path file, int flags, Pattern pattern, long offset, long length, int bufsize)
            throws IOException {
        return pwrite(file, flags, pattern, offset, length, bufsize, WriteListener.NONE);
    }

    /** As above, telling {@code listener} of each call (e.g. to record it for the gap verifier). */
    public static WriteSummary pwrite(Path file, int flags, Pattern pattern, long offset, long length, int bufsize,
                                      WriteListener listener) throws IOException {
        try (OpenFile f = OpenFile.open(file, flags | LibC.O_WRONLY)) {
            return pwrite(f, pattern, offset, length, bufsize, listener);
        }
    }

    public static WriteSummary pwrite(OpenFile f, Pattern pattern, long offset, long length, int bufsize,
                                      WriteListener listener) {
        AlignedBuffer buf = AlignedBuffer.filled((int) Math.min(bufsize, Math.max(length, 1)), pattern);
        long done = 0;
        int calls = 0;
        while (done < length) {
            int n = (int) Math.min(buf.size(), length - done);
            ByteBuffer src = buf.bytes().limit(n);
            Transfer t = f.pwrite(src, offset + done);
            listener.call(offset + done, n, t);
            calls++;
            if (t.failed() || t.done() == 0) {
                return new WriteSummary(offset, length, done, t, calls);
            }
            done += t.done();
        }
        return new WriteSummary(offset, length, done, null, calls);
    }

    /**
     * Writes {@code length} bytes from native memory (a mapping) at file offset {@code offset},
     * continuing after short writes up to {@code maxCalls} calls: the copy loop of generic/708.
     */
    public static WriteSummary pwriteAll(OpenFile f, jnr.ffi.Pointer src, long length, long offset, int maxCalls) {
        return pwriteAll(f, src, length, offset, maxCalls, WriteListener.NONE);
    }

    /** As above, telling {@code listener} of each call. */
    public static WriteSummary pwriteAll(OpenFile f, jnr.ffi.Pointer src, long length, long offset, int maxCalls,
                                         WriteListener listener) {
        long done = 0;
        int calls = 0;
        Transfer t = null;
        while (done < length && calls < maxCalls) {
            t = f.pwrite(src.slice(done), length - done, offset + done);
            listener.call(offset + done, length - done, t);
            calls++;
            if (t.failed()) {
                break;
            }
            done += t.done();
        }
        return new WriteSummary(offset, length, done, t, calls);
    }

    /** xfs_io {@code falloc offset length}: allocate (mode 0) and extend the file. */
    public static void falloc(Path file, long offset, long length) throws IOException {
        try (OpenFile f = OpenFile.open(file, LibC.O_WRONLY | LibC.O_CREAT)) {
            f.fallocate(0, offset, length);
        }
    }

    /** Reads the whole file into a byte array (buffered). */
    public static byte[] readAll(Path file) throws IOException {
        return java.nio.file.Files.readAllBytes(file);
    }
}
