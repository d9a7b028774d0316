package rig.devices.fault;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import rig.sys.Errno;
import rig.sys.LibC;

/**
 * The backing file of a Java device: positional I/O straight from and into the caller's direct
 * buffers (no copies), durability by fdatasync, discard by punching a hole. Every method returns
 * 0 or a positive errno and leaves the buffer's position and limit as it found them.
 *
 * <p>Not final: unit tests hold a request inside the engine with a subclass that waits in
 * {@link #write} (a handshake instead of a timed delay).
 */
class Backing implements AutoCloseable {

    static final int FALLOC_FL_KEEP_SIZE = 1, FALLOC_FL_PUNCH_HOLE = 2;
    private static final LibC C = LibC.INSTANCE;

    private final Path path;
    private final long size;
    private volatile int fd;
    /** Non-null when writes go through a shared mapping ({@link MappedWrites}, RIG_STORE_MMAP). */
    private volatile MappedWrites mapped;

    Backing(Path path, long size, int fd) {
        this.path = path;
        this.size = size;
        this.fd = fd;
    }

    /** Opens (creating it sparse if missing, growing it if shorter) a backing file of {@code size} bytes. */
    static Backing open(Path path, long size) throws IOException {
        if (size <= 0 || size % 512 != 0) {
            throw new IOException("device size " + size + " for " + path
                    + " is not a positive multiple of 512 bytes; pass a size like 1073741824 (1 GiB)");
        }
        int fd = C.open(path.toString(), LibC.O_RDWR | LibC.O_CREAT | LibC.O_CLOEXEC, 0600);
        if (fd < 0) {
            throw new IOException("cannot open backing file " + path + ": " + LibC.describe(LibC.errno())
                    + " (is its directory writable?)");
        }
        java.io.File f = path.toFile();
        if (f.length() < size && C.ftruncate(fd, size) != 0) {
            int e = LibC.errno();
            C.close(fd);
            throw new IOException("cannot size backing file " + path + " to " + size + " bytes: "
                    + LibC.describe(e) + " (is there room on its file system?)");
        }
        Backing b = new Backing(path, size, fd);
        if (MappedWrites.enabled()) {
            b.writeThroughMapping();
        }
        return b;
    }

    /** From now on writes are copies into a shared mapping of the file (reserved chunk by chunk). */
    void writeThroughMapping() throws IOException {
        if (mapped == null) {
            mapped = MappedWrites.map(path, fd, size);
        }
    }

    /** A Backing over an already open descriptor (the undo log's anonymous shadow file). */
    static Backing wrap(Path name, long size, int fd) throws IOException {
        if (C.ftruncate(fd, size) != 0) {
            int e = LibC.errno();
            C.close(fd);
            throw new IOException("cannot size " + name + " to " + size + " bytes: " + LibC.describe(e));
        }
        return new Backing(name, size, fd);
    }

    Path path() {
        return path;
    }

    long size() {
        return size;
    }

    /** Reads {@code buf}'s remaining bytes at {@code offset}; bytes past the end of the file read as zeros. */
    int read(long offset, ByteBuffer buf) {
        int pos = buf.position(), lim = buf.limit();
        try {
            while (buf.hasRemaining()) {
                long n = C.pread(fd, buf, buf.remaining(), offset);
                if (n < 0) {
                    int e = LibC.errno();
                    if (e == Errno.EINTR) {
                        continue;
                    }
                    return e;
                }
                if (n == 0) {
                    while (buf.hasRemaining()) {
                        buf.put((byte) 0);
                    }
                    break;
                }
                buf.position(buf.position() + (int) n);
                offset += n;
            }
            return 0;
        } finally {
            buf.limit(lim).position(pos);
        }
    }

    /** Writes {@code buf}'s remaining bytes at {@code offset}. */
    int write(long offset, ByteBuffer buf) {
        MappedWrites m = mapped;
        if (m != null) {
            return m.write(offset, buf);
        }
        int pos = buf.position(), lim = buf.limit();
        try {
            while (buf.hasRemaining()) {
                long n = C.pwrite(fd, buf, buf.remaining(), offset);
                if (n < 0) {
                    int e = LibC.errno();
                    if (e == Errno.EINTR) {
                        continue;
                    }
                    return e;
                }
                buf.position(buf.position() + (int) n);
                offset += n;
            }
            return 0;
        } finally {
            buf.limit(lim).position(pos);
        }
    }

    /** Hands {@code length} bytes at {@code offset} to {@code sink} (splice from this file's descriptor). */
    int transfer(long offset, int length, rig.devices.BlockHandler.FileSink sink) {
        return sink.take(fd, offset, length);
    }

    int sync() {
        return C.fdatasync(fd) == 0 ? 0 : LibC.errno();
    }

    int punch(long offset, long length) {
        if (length <= 0) {
            return 0;
        }
        MappedWrites m = mapped;
        if (m == null) {
            return C.fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, offset, length) == 0 ? 0 : LibC.errno();
        }
        // Before and after: a chunk reserved meanwhile by a racing write loses its pages too.
        m.forget(offset, length);
        int e = C.fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, offset, length) == 0 ? 0 : LibC.errno();
        m.forget(offset, length);
        return e;
    }

    @Override
    public void close() {
        int f = fd;
        if (f >= 0) {
            fd = -1;
            if (mapped != null) {
                mapped.close();
                mapped = null;
            }
            C.close(f);
        }
    }
}
