package rig.devices.fault;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLongArray;
import jnr.ffi.Pointer;
import rig.sys.Errno;
import rig.sys.LibC;

/**
 * Writes into a MAP_SHARED mapping of the backing file (one copy, no inode lock) instead of
 * pwrite. A store into a page tmpfs cannot allocate raises SIGBUS, which would kill the JVM
 * (or surface as an InternalError far away), so every chunk is reserved with fallocate(2)
 * before its first write: the file system then has the pages, or the write fails with the
 * errno fallocate gives (ENOSPC). A discard clears the reservation of every chunk it
 * touches, since punched pages are gone. Reads stay on pread (a read through the mapping
 * would allocate pages for holes).
 *
 * <p>Known limit: a write racing a discard of the same bytes may store into a page the
 * discard just punched; on a full file system that store faults. A file system does not
 * issue a write and a discard of the same sectors at once (their order would be undefined).
 */
final class MappedWrites implements AutoCloseable {

    static final int CHUNK_SHIFT = 20;
    private static final LibC C = LibC.INSTANCE;

    private final int fd;
    private final long size;
    private final Pointer map;
    private final long base;
    private final AtomicLongArray reserved;

    private MappedWrites(int fd, long size, Pointer map) {
        this.fd = fd;
        this.size = size;
        this.map = map;
        this.base = map.address();
        long chunks = (size + (1L << CHUNK_SHIFT) - 1) >>> CHUNK_SHIFT;
        this.reserved = new AtomicLongArray((int) ((chunks + 63) >>> 6));
    }

    /** Whether the server should write through a mapping: on unless RIG_STORE_MMAP=0. */
    static boolean enabled() {
        return !"0".equals(System.getenv("RIG_STORE_MMAP"));
    }

    /** Maps {@code size} bytes of {@code fd} shared, read-write. */
    static MappedWrites map(Path path, int fd, long size) throws IOException {
        Pointer p = C.mmap(null, size, LibC.PROT_READ | LibC.PROT_WRITE, LibC.MAP_SHARED, fd, 0);
        if (p == null || p.address() == -1L) {
            throw new IOException("cannot map backing file " + path + " (" + size + " bytes): "
                    + LibC.describe(LibC.errno()) + "; set RIG_STORE_MMAP=0 to write with pwrite instead");
        }
        return new MappedWrites(fd, size, p);
    }

    /** Copies {@code buf}'s remaining bytes to {@code offset}, reserving chunks first; 0 or an errno. */
    int write(long offset, ByteBuffer buf) {
        int n = buf.remaining();
        if (n == 0) {
            return 0;
        }
        if (offset < 0 || offset + n > size) {
            return Errno.EINVAL;
        }
        int e = reserve(offset, n);
        if (e != 0) {
            return e;
        }
        C.memcpy(base + offset, LibC.address(buf) + buf.position(), n);
        return 0;
    }

    /** Forgets the reservation of every chunk [offset, offset+length) touches (call before punching). */
    void forget(long offset, long length) {
        if (length <= 0) {
            return;
        }
        long first = offset >>> CHUNK_SHIFT, last = Math.min(offset + length - 1, size - 1) >>> CHUNK_SHIFT;
        for (long c = first; c <= last; c++) {
            int i = (int) (c >>> 6);
            long bit = 1L << (c & 63);
            long v;
            do {
                v = reserved.get(i);
            } while ((v & bit) != 0 && !reserved.compareAndSet(i, v, v & ~bit));
        }
    }

    private int reserve(long offset, int length) {
        long first = offset >>> CHUNK_SHIFT, last = (offset + length - 1) >>> CHUNK_SHIFT;
        for (long c = first; c <= last; c++) {
            int i = (int) (c >>> 6);
            long bit = 1L << (c & 63);
            if ((reserved.get(i) & bit) != 0) {
                continue;
            }
            long start = c << CHUNK_SHIFT, len = Math.min(1L << CHUNK_SHIFT, size - start);
            if (C.fallocate(fd, 0, start, len) != 0) {
                int e = LibC.errno();
                if (e == Errno.EINTR) {
                    c--;
                    continue;
                }
                return e;
            }
            long v;
            do {
                v = reserved.get(i);
            } while (!reserved.compareAndSet(i, v, v | bit));
        }
        return 0;
    }

    @Override
    public void close() {
        C.munmap(map, size);
    }
}
