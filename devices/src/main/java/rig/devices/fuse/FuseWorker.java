package rig.devices.fuse;

import static rig.devices.fuse.FuseProtocol.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import rig.devices.BlockHandler;
import rig.sys.Errno;
import rig.sys.LibC;

/**
 * One serving thread: reads requests from its own /dev/fuse fd into its own buffers and writes
 * the replies; nothing is allocated per request. Data goes straight between these buffers and
 * the {@link BlockHandler}: a WRITE's payload is handed over where the kernel put it, a READ's
 * reply is filled in place behind its header.
 */
final class FuseWorker implements Runnable {

    private static final LibC C = LibC.INSTANCE;

    private final FuseSession session;
    private final BlockHandler handler;
    private final FuseMetadata meta;
    private final int fd;
    private final ByteBuffer in, out, inData, outData, zeros;
    private final long inAddr, outAddr;
    /** Zero-copy READ replies; null: every reply is copied from {@code out}. */
    private final SpliceReply splice;
    /** System.nanoTime() when the current request was taken, 0 while waiting for one. */
    volatile long busySince;

    FuseWorker(FuseSession session, int fd) {
        this.session = session;
        this.handler = session.handler();
        this.meta = session.metadata();
        this.fd = fd;
        this.in = LibC.allocateHuge(FuseSession.IN_BUFFER);
        this.out = LibC.allocateHuge(OUT_HEADER + FuseSession.MAX_IO);
        this.inData = in.duplicate().order(ByteOrder.nativeOrder());
        this.outData = out.duplicate().order(ByteOrder.nativeOrder());
        this.zeros = session.zeros();
        this.inAddr = LibC.address(in);
        this.outAddr = LibC.address(out);
        this.splice = session.spliceReads() ? SpliceReply.open(session) : null;
    }

    @Override
    public void run() {
        if (C.prctl(PR_SET_IO_FLUSHER, 1, 0, 0, 0) != 0) {
            session.ioFlusherRefused(LibC.errno());
        }
        try {
            serve();
        } finally {
            busySince = 0;
            if (splice != null) {
                splice.close();
            }
            session.workerExited(this);
        }
    }

    private void serve() {
        while (true) {
            long n = C.read(fd, inAddr, in.capacity());
            if (n < 0) {
                int errno = LibC.errno();
                if (errno == Errno.ENOENT || errno == Errno.EINTR || errno == Errno.EAGAIN) {
                    continue; // request interrupted before we got it
                }
                if (errno != Errno.ENODEV) { // ENODEV: unmounted or aborted, the normal end
                    session.warn("read from /dev/fuse failed: " + LibC.describe(errno));
                }
                return;
            }
            busySince = System.nanoTime();
            session.takeRequest();
            boolean alive;
            try {
                alive = dispatch((int) n);
            } catch (RuntimeException | Error e) { // a broken handler must not leave the kernel waiting
                session.warn("request " + in.getLong(H_UNIQUE) + " (opcode " + in.getInt(H_OPCODE) + ") failed: " + e);
                alive = reply(in.getLong(H_UNIQUE), Errno.EIO, 0);
            }
            busySince = 0;
            session.requestDone();
            if (!alive) {
                return;
            }
        }
    }

    /** Serves one request; false when the connection is gone. */
    private boolean dispatch(int len) {
        int opcode = in.getInt(H_OPCODE);
        long unique = in.getLong(H_UNIQUE);
        long node = in.getLong(H_NODEID);
        return switch (opcode) {
            case READ -> read(unique);
            case WRITE -> write(unique);
            case FSYNC -> status(unique, handler.flush());
            case FALLOCATE -> status(unique, fallocate());
            case FORGET, BATCH_FORGET, INTERRUPT -> true; // no reply; interrupts are not honoured
            case LOOKUP -> body(unique, meta.lookup(in, len, out));
            case GETATTR -> body(unique, meta.getattr(node, out));
            case SETATTR -> body(unique, meta.setattr(in, out));
            case OPEN -> body(unique, meta.open(node, out, false));
            case OPENDIR -> body(unique, meta.open(node, out, true));
            case READDIR -> body(unique, meta.readdir(in, out));
            case STATFS -> body(unique, meta.statfs(out));
            case FLUSH, RELEASE, RELEASEDIR, FSYNCDIR -> status(unique, 0);
            case DESTROY -> status(unique, 0) && false;
            case INIT -> status(unique, Errno.EIO); // INIT is answered once, by the session
            default -> status(unique, Errno.ENOSYS);
        };
    }

    private boolean read(long unique) {
        long offset = in.getLong(RW_OFFSET);
        int size = clamp(offset, in.getInt(RW_SIZE));
        outData.limit(OUT_HEADER + size).position(OUT_HEADER);
        if (size > 0 && splice != null && splice.fits(offset, size)) {
            return spliceRead(unique, offset);
        }
        int err = size == 0 ? 0 : handler.read(offset, outData);
        return err == 0 ? reply(unique, 0, size) : reply(unique, err, 0);
    }

    /** The handler either hands its file's range to the pipe (sent from there) or fills {@code outData}. */
    private boolean spliceRead(long unique, long offset) {
        splice.begin(unique);
        int err = handler.read(offset, outData, splice);
        if (!splice.taken()) {
            return err == 0 ? reply(unique, 0, outData.remaining()) : reply(unique, err, 0);
        }
        if (err != 0) {
            splice.discard();
            return reply(unique, err, 0);
        }
        return delivered(unique, splice.send(fd));
    }

    private boolean write(long unique) {
        long offset = in.getLong(RW_OFFSET);
        int size = in.getInt(RW_SIZE);
        if (clamp(offset, size) != size) {
            return reply(unique, Errno.ENOSPC, 0);
        }
        inData.limit(WRITE_DATA + size).position(WRITE_DATA);
        int err = handler.write(offset, inData, false);
        if (err != 0) {
            return reply(unique, err, 0);
        }
        out.putInt(OUT_HEADER, size);
        out.putInt(OUT_HEADER + 4, 0);
        return reply(unique, 0, WRITE_OUT);
    }

    /** Punch hole: a discard. Zero range: writes of zeros. Plain allocation: nothing to do. */
    private int fallocate() {
        long offset = in.getLong(FALLOC_OFFSET);
        long length = in.getLong(FALLOC_LENGTH);
        int mode = in.getInt(FALLOC_MODE);
        if (offset < 0 || length <= 0 || offset + length > handler.size()) {
            return Errno.EINVAL;
        }
        if (mode == (FALLOC_PUNCH_HOLE | FALLOC_KEEP_SIZE)) {
            return handler.discard(offset, length);
        }
        if ((mode & ~FALLOC_KEEP_SIZE) == FALLOC_ZERO_RANGE) {
            for (long done = 0; done < length; ) {
                int n = (int) Math.min(zeros.capacity(), length - done);
                ByteBuffer z = zeros.duplicate(); // zero range is rare: a small view per chunk is fine
                z.limit(n);
                int err = handler.write(offset + done, z, false);
                if (err != 0) {
                    return err;
                }
                done += n;
            }
            return 0;
        }
        return mode == 0 || mode == FALLOC_KEEP_SIZE ? 0 : Errno.EOPNOTSUPP;
    }

    private int clamp(long offset, int size) {
        long end = handler.size();
        if (offset >= end) {
            return 0;
        }
        return (int) Math.min(size, end - offset);
    }

    private boolean body(long unique, int lengthOrErrno) {
        return lengthOrErrno < 0 ? reply(unique, -lengthOrErrno, 0) : reply(unique, 0, lengthOrErrno);
    }

    private boolean status(long unique, int errno) {
        return reply(unique, errno, 0);
    }

    /** Writes out[0..16+bodyLength) as the reply; false when the connection is gone. */
    private boolean reply(long unique, int errno, int bodyLength) {
        int len = OUT_HEADER + (errno == 0 ? bodyLength : 0);
        out.putInt(0, len);
        out.putInt(4, -errno);
        out.putLong(8, unique);
        return delivered(unique, C.write(fd, outAddr, len) < 0 ? LibC.errno() : 0);
    }

    /** After a reply went to the kernel with {@code e} (0: accepted); false when the connection is gone. */
    private boolean delivered(long unique, int e) {
        if (e != 0) {
            if (e == Errno.ENODEV) {
                return false;
            }
            if (e != Errno.ENOENT) { // ENOENT: the request was interrupted or aborted meanwhile
                session.warn("reply to request " + unique + " failed: " + LibC.describe(e));
            }
        }
        return true;
    }

    int fd() {
        return fd;
    }
}
