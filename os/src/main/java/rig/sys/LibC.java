package rig.sys;

import java.nio.ByteBuffer;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.intptr_t;
import jnr.ffi.types.off_t;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * The C library calls the rig makes directly (jnr-ffi): I/O on native buffers, ioctl,
 * mount(2), prctl(2). Every call saves errno; read it with {@link #errno()}.
 *
 * <p>Direct {@link ByteBuffer}s are passed by address from their current position, so an
 * {@code alignedSlice(4096)} of a direct buffer satisfies O_DIRECT.
 */
public interface LibC {

    LibC INSTANCE = LibraryLoader.create(LibC.class).load("c");

    int O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_CREAT = 0100, O_EXCL = 0200, O_TRUNC = 01000,
            O_APPEND = 02000, O_DSYNC = 010000, O_SYNC = 04010000, O_DIRECT = 040000,
            O_CLOEXEC = 02000000, O_NONBLOCK = 04000;
    int SEEK_SET = 0, SEEK_CUR = 1, SEEK_END = 2;

    // mmap(2), fallocate(2), ioctl(2) constants used by the workload operations (x86_64/arm64)
    int PROT_NONE = 0, PROT_READ = 1, PROT_WRITE = 2, MAP_SHARED = 1, MAP_PRIVATE = 2, MAP_ANONYMOUS = 0x20;
    int MS_SYNC = 4;
    int FALLOC_FL_KEEP_SIZE = 1, FALLOC_FL_PUNCH_HOLE = 2, FALLOC_FL_ZERO_RANGE = 0x10;
    /** _IOW(0x94, 9, int): share the source file's extents (reflink). */
    long FICLONE = 0x40049409L;

    @SaveError int open(String path, int flags, int mode);
    @SaveError int close(int fd);
    /** A device node (S_IFBLK | permissions, and makedev(major, minor)). */
    @SaveError int mknod(String path, int mode, long dev);
    @SaveError @ssize_t long read(int fd, @Out ByteBuffer buf, @size_t long count);
    @SaveError @ssize_t long write(int fd, @In ByteBuffer buf, @size_t long count);
    @SaveError @ssize_t long pread(int fd, @Out ByteBuffer buf, @size_t long count, @off_t long offset);
    @SaveError @ssize_t long pwrite(int fd, @In ByteBuffer buf, @size_t long count, @off_t long offset);
    @SaveError @ssize_t long pread(int fd, Pointer buf, @size_t long count, @off_t long offset);
    @SaveError @ssize_t long pwrite(int fd, Pointer buf, @size_t long count, @off_t long offset);
    @SaveError @ssize_t long read(int fd, Pointer buf, @size_t long count);
    @SaveError @ssize_t long write(int fd, Pointer buf, @size_t long count);
    @SaveError int fsync(int fd);
    @SaveError int fdatasync(int fd);
    @SaveError int fallocate(int fd, int mode, @off_t long offset, @off_t long len);
    @SaveError int ftruncate(int fd, @off_t long length);
    @SaveError int ioctl(int fd, long request, long arg);
    @SaveError int ioctl(int fd, long request, ByteBuffer arg);
    @SaveError int ioctl(int fd, long request, Pointer arg);
    @SaveError int mount(String source, String target, String fstype, long flags, String data);
    @SaveError int umount2(String target, int flags);
    @SaveError int prctl(int option, long arg2, long arg3, long arg4, long arg5);
    void sync();
    int getpagesize();
    @SaveError int syncfs(int fd);
    @SaveError Pointer mmap(Pointer addr, @size_t long length, int prot, int flags, int fd, @off_t long offset);
    @SaveError int munmap(Pointer addr, @size_t long length);
    @SaveError int mprotect(Pointer addr, @size_t long length, int prot);
    /** pwritev(2): {@code iov} points to {@code iovcnt} struct iovec {void *base; size_t len;}. */
    @SaveError @ssize_t long pwritev(int fd, Pointer iov, int iovcnt, @off_t long offset);
    @SaveError int madvise(@intptr_t long addr, @size_t long length, int advice);
    @SaveError int msync(Pointer addr, @size_t long length, int flags);
    @SaveError int getpid();
    /**
     * syscall(2) with up to five integer arguments, for calls glibc has no wrapper for (the kernel's
     * native AIO: io_setup, io_submit, io_getevents, io_destroy); -1 and errno on failure.
     */
    @SaveError long syscall(long number, long a1, long a2, long a3, long a4, long a5);

    /** unshare(2) for the calling thread, e.g. CLONE_NEWNS: a private mount namespace. */
    @SaveError int unshare(int flags);

    // Raw-address variants for hot paths (no per-call marshalling): addr from address(buffer).
    @SaveError @ssize_t long read(int fd, @intptr_t long addr, @size_t long count);
    @SaveError @ssize_t long write(int fd, @intptr_t long addr, @size_t long count);
    @SaveError @ssize_t long pread(int fd, @intptr_t long addr, @size_t long count, @off_t long offset);
    @SaveError @ssize_t long pwrite(int fd, @intptr_t long addr, @size_t long count, @off_t long offset);
    @SaveError @off_t long lseek(int fd, @off_t long offset, int whence);
    /** memcpy(3) between raw addresses (e.g. a direct buffer into a MAP_SHARED file mapping). */
    @intptr_t long memcpy(@intptr_t long dst, @intptr_t long src, @size_t long n);

    // Pipes and splice(2): moving file pages through a pipe without a copy into user memory.
    int F_SETPIPE_SZ = 1031, F_GETPIPE_SZ = 1032;
    int SPLICE_F_MOVE = 1, SPLICE_F_NONBLOCK = 2;
    /** pipe2(2): fds[0] the read end, fds[1] the write end. */
    @SaveError int pipe2(@Out int[] fds, int flags);
    @SaveError int fcntl(int fd, int cmd, int arg);
    /**
     * splice(2); an offset is a native 64-bit integer the call advances (null: use and advance the
     * file position). Raw-address offsets (@intptr_t long) were garbled by jnr's six-argument
     * fast path (EINVAL for valid calls), hence Pointers: wrap one per buffer, not per call.
     */
    @SaveError @ssize_t long splice(int fdIn, Pointer offIn, int fdOut, Pointer offOut, @size_t long len, int flags);
    String strerror(int errnum);

    /** errno saved by the last call on this thread. */
    static int errno() {
        return Runtime.getRuntime(INSTANCE).getLastError();
    }

    /** "EIO (Input/output error)"-style text for an errno. */
    static String describe(int errno) {
        return Errno.name(errno) + " (" + INSTANCE.strerror(errno) + ")";
    }

    /** The native address of a direct buffer's first byte (not of its position). */
    static long address(ByteBuffer direct) {
        if (!direct.isDirect()) {
            throw new IllegalArgumentException("not a direct buffer: " + direct);
        }
        return com.kenai.jffi.MemoryIO.getInstance().getDirectBufferAddress(direct);
    }

    /** A zeroed direct buffer of {@code size} bytes starting on a 4096-byte boundary (O_DIRECT-safe). */
    static ByteBuffer allocateAligned(int size) {
        int pages = (size + 4095) & ~4095; // alignedSlice also rounds the end down to the unit
        return ByteBuffer.allocateDirect(pages + 4096).alignedSlice(4096).limit(size).slice()
                .order(java.nio.ByteOrder.nativeOrder());
    }

    /**
     * A direct buffer of {@code size} bytes on fresh anonymous memory aligned to 2 MiB and advised
     * to use transparent huge pages (fewer TLB misses and cheaper page pinning when the kernel
     * copies a whole MiB in or out), pre-faulted. Never freed: for buffers that live as long as
     * the process.
     */
    static ByteBuffer allocateHuge(int size) {
        long huge = 2L << 20;
        long length = ((size + huge - 1) & ~(huge - 1)) + huge;
        Pointer p = INSTANCE.mmap(null, length, 3 /* PROT_READ|PROT_WRITE */, 0x22 /* MAP_PRIVATE|MAP_ANONYMOUS */,
                -1, 0);
        if (p == null || p.address() == -1L) {
            return allocateAligned(size);
        }
        long addr = (p.address() + huge - 1) & ~(huge - 1);
        INSTANCE.madvise(addr, length - (addr - p.address()), 14 /* MADV_HUGEPAGE */);
        ByteBuffer b = com.kenai.jffi.MemoryIO.getInstance().newDirectByteBuffer(addr, size)
                .order(java.nio.ByteOrder.nativeOrder());
        for (int i = 0; i < size; i += 4096) {
            b.put(i, (byte) 0);
        }
        return b;
    }

    /** The jnr runtime, for allocating native memory and wrapping addresses. */
    static Runtime runtime() {
        return Runtime.getRuntime(INSTANCE);
    }
}
