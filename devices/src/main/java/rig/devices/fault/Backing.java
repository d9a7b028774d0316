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
 * <p>A backing file opened by path is also mapped (MAP_SHARED) and its data copied to and from
 * the mapping: the same one copy as pread/pwrite, without the file system's per-call locking
 * and page lookups (a third less CPU per byte on tmpfs, measured with fio through the Java
 * device). A fault in the mapping (the file system full, the file truncated behind our back)
 * surfaces as an InternalError from the copy and is returned as ENOSPC (writes) or EIO (reads).
 * {@code RIG_BACKING_MMAP=0} turns the mapping off.
 */
final class Backing implements AutoCloseable {

    static final int FALLOC_FL_KEEP_SIZE = 1, FALLOC_FL_PUNCH_HOLE = 2;
    private static final LibC C = LibC.INSTANCE;

    /** Bytes per mapping (a ByteBuffer holds at most 2 GiB). */
    static final int CHUNK = 1 << 30;

    private final Path path;
    private final long size;
    private volatile int fd;
    /** The file mapped in CHUNK pieces, or null: pread/pwrite. */
    private final ByteBuffer[] maps;

    private Backing(Path path, long size, int fd, boolean map) {
        this.path = path;
        this.size = size;
        this.fd = fd;
        long[] addresses = map ? mapAll(fd, size) : null;
        this.maps = addresses == null ? null : views(addresses, size);
        if (addresses != null) {
            // unmapped once nothing can be copying any more: when this object is unreachable
            CLEANER.register(this, () -> {
                for (int i = 0; i < addresses.length; i++) {
                    unmap(addresses[i], Math.min(CHUNK, size - (long) i * CHUNK));
                }
            });
        }
    }

    private static final java.lang.ref.Cleaner CLEANER = java.lang.ref.Cleaner.create();

    private static long[] mapAll(int fd, long size) {
        if ("0".equals(System.getenv("RIG_BACKING_MMAP"))) {
            return null;
        }
        long[] addresses = new long[(int) ((size + CHUNK - 1) / CHUNK)];
        for (int i = 0; i < addresses.length; i++) {
            long len = Math.min(CHUNK, size - (long) i * CHUNK);
            jnr.ffi.Pointer p = C.mmap(null, len, 3 /* PROT_READ|PROT_WRITE */, 1 /* MAP_SHARED */, fd, (long) i * CHUNK);
            if (p == null || p.address() == -1L) {
                for (int k = 0; k < i; k++) {
                    unmap(addresses[k], Math.min(CHUNK, size - (long) k * CHUNK));
                }
                return null; // not mappable: positional I/O it is
            }
            addresses[i] = p.address();
        }
        return addresses;
    }

    private static ByteBuffer[] views(long[] addresses, long size) {
        ByteBuffer[] views = new ByteBuffer[addresses.length];
        for (int i = 0; i < addresses.length; i++) {
            views[i] = com.kenai.jffi.MemoryIO.getInstance().newDirectByteBuffer(addresses[i],
                    (int) Math.min(CHUNK, size - (long) i * CHUNK));
        }
        return views;
    }

    private static void unmap(long address, long length) {
        C.munmap(jnr.ffi.Pointer.wrap(LibC.runtime(), address), length);
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
        return new Backing(path, size, fd, true);
    }

    /** A Backing over an already open descriptor (the undo log's anonymous shadow file). */
    static Backing wrap(Path name, long size, int fd) throws IOException {
        if (C.ftruncate(fd, size) != 0) {
            int e = LibC.errno();
            C.close(fd);
            throw new IOException("cannot size " + name + " to " + size + " bytes: " + LibC.describe(e));
        }
        return new Backing(name, size, fd, false);
    }

    Path path() {
        return path;
    }

    long size() {
        return size;
    }

    /** Reads {@code buf}'s remaining bytes at {@code offset}; bytes past the end of the file read as zeros. */
    int read(long offset, ByteBuffer buf) {
        if (maps != null && offset >= 0 && offset + buf.remaining() <= size) {
            return copy(offset, buf, false);
        }
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
        if (maps != null && offset >= 0 && offset + buf.remaining() <= size) {
            return copy(offset, buf, true);
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

    /** Copies between {@code buf} (position to limit, unchanged) and the mapping at {@code offset}. */
    private int copy(long offset, ByteBuffer buf, boolean toFile) {
        int at = buf.position();
        int left = buf.remaining();
        try {
            while (left > 0) {
                int chunk = (int) (offset / CHUNK);
                int in = (int) (offset % CHUNK);
                int n = Math.min(left, maps[chunk].capacity() - in);
                if (toFile) {
                    maps[chunk].put(in, buf, at, n);
                } else {
                    buf.put(at, maps[chunk], in, n);
                }
                offset += n;
                at += n;
                left -= n;
            }
            return 0;
        } catch (InternalError e) { // SIGBUS in the mapping: no space for the page, or the file shrank
            return toFile ? Errno.ENOSPC : Errno.EIO;
        } finally {
            java.lang.ref.Reference.reachabilityFence(this); // keeps the mapping until the copy is done
        }
    }

    int sync() {
        return C.fdatasync(fd) == 0 ? 0 : LibC.errno();
    }

    int punch(long offset, long length) {
        if (length <= 0) {
            return 0;
        }
        return C.fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, offset, length) == 0 ? 0 : LibC.errno();
    }

    @Override
    public void close() {
        int f = fd;
        if (f >= 0) {
            fd = -1;
            C.close(f); // the mappings stay valid until unmapped; a request racing close still finds them
        }
    }
}
