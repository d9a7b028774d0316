package rig.devices.fuse;

import static rig.devices.fuse.FuseProtocol.OUT_HEADER;

import java.nio.ByteBuffer;
import jnr.ffi.Pointer;
import rig.devices.BlockHandler;
import rig.sys.Errno;
import rig.sys.LibC;

/**
 * A serving thread's zero-copy READ reply (as libfuse's fuse_reply_data with splice): the reply
 * header is written into a pipe, the backing file's pages are spliced behind it (page
 * references, no copy), and the pipe is spliced to /dev/fuse, where the kernel copies the pages
 * once, into the reader's pages. The buffer path copies twice (pread into our buffer, then the
 * kernel from it).
 *
 * <p>A FUSE reply must be in the pipe whole, and a pipe holds one page per slot: the reply fits
 * when 1 (header) + the pages the range spans fit the pipe. Without CAP_SYS_RESOURCE a pipe
 * grows to /proc/sys/fs/pipe-max-size at most (1 MiB: 256 slots here), so the mount's
 * max_read is then 1020 KiB ({@link #maxRead()}): a 1 MiB read arrives as 1020 KiB + 4 KiB,
 * both spliced. A reply that still does not fit (an unaligned 1020 KiB) is copied.
 *
 * <p>WRITE requests are not spliced: the kernel copies a direct-I/O writer's pages into fresh
 * pipe pages (fs/fuse/dev.c, "can't control lifetime of pipe buffers, so always copy user
 * pages"), so splicing them into the backing file would save no copy.
 */
final class SpliceReply implements BlockHandler.FileSink {

    /** RIG_FUSE_SPLICE=0 turns zero-copy READ replies off (1, the default: on). */
    static final String ENV = "RIG_FUSE_SPLICE";
    private static final LibC C = LibC.INSTANCE;
    private static final int PAGE = 4096;

    private final int[] pipe = {-1, -1};
    private final ByteBuffer header = LibC.allocateAligned(OUT_HEADER + 8);
    private final long headerAddr = LibC.address(header);
    /** splice(2)'s file offset, a native long behind the header. */
    private final Pointer fileOffset = Pointer.wrap(LibC.runtime(), headerAddr + OUT_HEADER);
    private int slots;
    private long unique;
    private int length;
    private boolean taken;

    private SpliceReply() {
    }

    static boolean enabled() {
        return !"0".equals(System.getenv(ENV));
    }

    /**
     * The mount's max_read: READ requests no larger than fit a pipe whole (with their header,
     * page-aligned), so that a 1 MiB read arrives as 1020 KiB + 4 KiB, both spliced, rather than
     * as one 1 MiB request that must be copied. 1 MiB when splicing is off, the pipe can hold
     * a 1 MiB reply, or it is too small to be worth splitting reads for (under 512 KiB).
     */
    static int maxRead() {
        if (!enabled()) {
            return FuseSession.MAX_IO;
        }
        int[] p = {-1, -1};
        if (C.pipe2(p, LibC.O_CLOEXEC) != 0) {
            return FuseSession.MAX_IO;
        }
        try {
            int size = grow(p[1]);
            return size < (512 << 10) + PAGE ? FuseSession.MAX_IO : Math.min(FuseSession.MAX_IO, size - PAGE);
        } finally {
            C.close(p[0]);
            C.close(p[1]);
        }
    }

    /** Grows a pipe as far as this process may: its size in bytes. */
    private static int grow(int pipeFd) {
        // without CAP_SYS_RESOURCE F_SETPIPE_SZ fails (EPERM) above /proc/sys/fs/pipe-max-size: halve until it fits
        int size = C.fcntl(pipeFd, LibC.F_SETPIPE_SZ, FuseSession.MAX_IO + 2 * PAGE);
        for (int want = FuseSession.MAX_IO; size < 0 && want >= 16 * PAGE; want /= 2) {
            size = C.fcntl(pipeFd, LibC.F_SETPIPE_SZ, want);
        }
        return size < 0 ? C.fcntl(pipeFd, LibC.F_GETPIPE_SZ, 0) : size;
    }

    /** A pipe as large as this process may make it; null (buffer path only) if that fails. */
    static SpliceReply open(FuseSession session) {
        SpliceReply s = new SpliceReply();
        if (C.pipe2(s.pipe, LibC.O_CLOEXEC) != 0) {
            session.warn("pipe2 failed (" + LibC.describe(LibC.errno()) + "): READ replies are copied");
            return null;
        }
        s.slots = Math.max(0, grow(s.pipe[1])) / PAGE;
        return s;
    }

    /** Whether a reply of {@code length} bytes at {@code offset} fits the pipe whole. */
    boolean fits(long offset, int length) {
        if (pipe[1] < 0) {
            return false;
        }
        long pages = ((offset + length + PAGE - 1) / PAGE) - offset / PAGE;
        return 1 + pages <= slots;
    }

    /** Starts a READ reply to request {@code unique}; the handler then either fills its buffer or calls {@link #take}. */
    void begin(long unique) {
        discard(); // a reply left over from a request that failed past take (a handler's exception)
        this.unique = unique;
    }

    /** Whether the handler handed its file's range over (the reply is in the pipe). */
    boolean taken() {
        return taken;
    }

    @Override
    public int take(int fd, long offset, int length) {
        this.length = length;
        header.putInt(0, OUT_HEADER + length);
        header.putInt(4, 0);
        header.putLong(8, unique);
        header.putLong(OUT_HEADER, offset);
        if (C.write(pipe[1], headerAddr, OUT_HEADER) != OUT_HEADER) {
            return failed(LibC.errno());
        }
        for (int left = length; left > 0; ) {
            long n = C.splice(fd, fileOffset, pipe[1], null, left, 0);
            if (n <= 0) {
                int e = n == 0 ? Errno.EIO : LibC.errno(); // 0: the backing file is shorter than the device
                if (e == Errno.EINTR) {
                    continue;
                }
                return failed(e);
            }
            left -= (int) n;
        }
        taken = true;
        return 0;
    }

    /** Moves the reply in the pipe to /dev/fuse {@code fuseFd}; the errno of that splice (0: delivered). */
    int send(int fuseFd) {
        int total = OUT_HEADER + length;
        long n;
        do {
            n = C.splice(pipe[0], null, fuseFd, null, total, 0);
        } while (n < 0 && LibC.errno() == Errno.EINTR);
        int e = n < 0 ? LibC.errno() : 0;
        taken = false;
        if (n != total) {
            drain();
        }
        return e;
    }

    /** After the handler failed, or a send did not consume the reply: empties the pipe. */
    void discard() {
        if (taken) {
            drain();
            taken = false;
        }
    }

    private int failed(int errno) {
        drain();
        return errno;
    }

    /** Replaces the pipe by a fresh, empty one of the same size (rare: only after a failure). */
    private void drain() {
        int[] fresh = {-1, -1};
        if (C.pipe2(fresh, LibC.O_CLOEXEC) == 0 && C.fcntl(fresh[1], LibC.F_SETPIPE_SZ, slots * PAGE) >= slots * PAGE) {
            close();
            pipe[0] = fresh[0];
            pipe[1] = fresh[1];
        } else {
            if (fresh[0] >= 0) {
                C.close(fresh[0]);
                C.close(fresh[1]);
            }
            close(); // no usable pipe: fits() says no from now on, replies are copied
        }
    }

    void close() {
        for (int i = 0; i < 2; i++) {
            if (pipe[i] >= 0) {
                C.close(pipe[i]);
                pipe[i] = -1;
            }
        }
    }
}
