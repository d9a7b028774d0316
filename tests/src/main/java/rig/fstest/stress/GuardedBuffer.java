package rig.fstest.stress;

import java.io.IOException;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import rig.sys.LibC;

/**
 * Anonymous memory of {@code size} bytes followed by a page no access is allowed to: an iovec
 * that runs from the first part into the guard page makes the kernel's user copy fault part-way,
 * so a buffered write comes back short. The guard is PROT_NONE rather than unmapped so that no
 * other mapping of this process can land at its address and make the copy succeed.
 */
final class GuardedBuffer implements AutoCloseable {
    private static final LibC C = LibC.INSTANCE;
    private static final int PAGE = 4096;

    private final Pointer base;
    private final int size;
    private final Pointer iov = Memory.allocateDirect(LibC.runtime(), 32);

    private GuardedBuffer(Pointer base, int size) {
        this.base = base;
        this.size = size;
    }

    static GuardedBuffer allocate(int size) throws IOException {
        Pointer p = C.mmap(null, size + PAGE, LibC.PROT_READ | LibC.PROT_WRITE, LibC.MAP_PRIVATE | LibC.MAP_ANONYMOUS, -1, 0);
        if (p == null || p.address() == -1L) {
            throw new IOException("mmap of " + (size + PAGE) + " anonymous bytes failed: " + LibC.describe(LibC.errno()));
        }
        if (C.mprotect(p.slice(size), PAGE, LibC.PROT_NONE) < 0) {
            throw new IOException("mprotect of the guard page failed: " + LibC.describe(LibC.errno()));
        }
        return new GuardedBuffer(p, size);
    }

    /**
     * pwritev(2) of two iovecs: the last {@code mapped} bytes before the guard (filled with
     * {@code data}), then {@code unmapped} bytes from the guard page on. Returns what the kernel
     * returned (-1 with errno saved).
     */
    long pwritevIntoGuard(int fd, byte[] data, int mapped, int unmapped, long offset) {
        Pointer first = base.slice(size - mapped);
        first.put(0, data, 0, mapped);
        iov.putAddress(0, first.address());
        iov.putLong(8, mapped);
        iov.putAddress(16, base.address() + size);
        iov.putLong(24, unmapped);
        return C.pwritev(fd, iov, 2, offset);
    }

    @Override
    public void close() throws IOException {
        if (C.munmap(base, size + PAGE) < 0) {
            throw new IOException("munmap failed: " + LibC.describe(LibC.errno()));
        }
    }
}
