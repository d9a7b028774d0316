package rig.fstest.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import jnr.ffi.Pointer;
import rig.sys.LibC;

/**
 * An open file descriptor with the calls a workload makes on it. Each transfer returns what the
 * kernel returned ({@link Transfer}): a short count or an errno is the test's to judge.
 * Failures of calls that have no partial result (fsync, fallocate, ...) throw an IOException
 * naming the call, the file and the errno.
 */
public final class OpenFile implements AutoCloseable {
    private static final LibC C = LibC.INSTANCE;

    private final Path path;
    private final int fd;
    private boolean closed;

    private OpenFile(Path path, int fd) {
        this.path = path;
        this.fd = fd;
    }

    /** open(2) with {@code flags} (LibC.O_*), mode 0644 for a created file. */
    public static OpenFile open(Path path, int flags) throws IOException {
        int fd = C.open(path.toString(), flags | LibC.O_CLOEXEC, 0644);
        if (fd < 0) {
            int err = LibC.errno();
            throw new IOException("open " + path + " (flags 0" + Integer.toOctalString(flags) + ") failed: "
                    + LibC.describe(err), new ErrnoException(err));
        }
        return new OpenFile(path, fd);
    }

    public Path path() {
        return path;
    }

    public int fd() {
        return fd;
    }

    public Transfer pwrite(ByteBuffer src, long offset) {
        return Transfer.of(src.remaining(), C.pwrite(fd, src, src.remaining(), offset));
    }

    public Transfer pread(ByteBuffer dst, long offset) {
        return Transfer.of(dst.remaining(), C.pread(fd, dst, dst.remaining(), offset));
    }

    /** pwrite(2) from native memory, e.g. a mapped region: the buffer the kernel faults on. */
    public Transfer pwrite(Pointer src, long length, long offset) {
        return Transfer.of(length, C.pwrite(fd, src, length, offset));
    }

    /** pread(2) into native memory, e.g. a mapped region. */
    public Transfer pread(Pointer dst, long length, long offset) {
        return Transfer.of(length, C.pread(fd, dst, length, offset));
    }

    public void fsync() throws IOException {
        check(C.fsync(fd), "fsync");
    }

    public void fdatasync() throws IOException {
        check(C.fdatasync(fd), "fdatasync");
    }

    /** fallocate(2) with {@code mode} 0 (allocate), LibC.FALLOC_FL_KEEP_SIZE, ... */
    public void fallocate(int mode, long offset, long length) throws IOException {
        check(C.fallocate(fd, mode, offset, length), "fallocate " + offset + " " + length);
    }

    public void ftruncate(long length) throws IOException {
        check(C.ftruncate(fd, length), "ftruncate " + length);
    }

    void check(int ret, String what) throws IOException {
        if (ret < 0) {
            int err = LibC.errno();
            throw new IOException(what + " on " + path + " failed: " + LibC.describe(err), new ErrnoException(err));
        }
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            check(C.close(fd), "close");
        }
    }
}
