package rig.fstest.io;

import java.io.IOException;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import rig.sys.LibC;

/**
 * The kernel's native AIO (io_setup, io_submit, io_getevents, io_destroy; what fio's libaio
 * engine and xfs_io's aio use), through syscall(2): one write at a time, submitted and waited
 * for, with per-I/O RWF flags (RWF_DSYNC). x86_64 system call numbers; elsewhere
 * {@link #available()} is false.
 */
public final class Aio implements AutoCloseable {
    private static final long IO_SETUP = 206;
    private static final long IO_DESTROY = 207;
    private static final long IO_GETEVENTS = 208;
    private static final long IO_SUBMIT = 209;
    private static final int IOCB_SIZE = 64;
    private static final int EVENT_SIZE = 32;
    private static final short IOCB_CMD_PWRITE = 1;
    /** RWF_DSYNC: this write is O_DSYNC. */
    public static final int RWF_DSYNC = 2;

    private final long ctx;
    private final Pointer iocb;
    private final Pointer iocbs;
    private final Pointer event;

    private Aio(long ctx) {
        this.ctx = ctx;
        jnr.ffi.Runtime rt = jnr.ffi.Runtime.getSystemRuntime();
        this.iocb = Memory.allocateDirect(rt, IOCB_SIZE, true);
        this.iocbs = Memory.allocateDirect(rt, 8, true);
        this.event = Memory.allocateDirect(rt, EVENT_SIZE, true);
    }

    /** Whether this machine's system call numbers are known here. */
    public static boolean available() {
        String arch = System.getProperty("os.arch");
        return arch.equals("amd64") || arch.equals("x86_64");
    }

    /** io_setup for one request in flight. */
    public static Aio setup() throws IOException {
        if (!available()) {
            throw new IOException("native AIO through syscall(2) knows x86_64 only, not " + System.getProperty("os.arch"));
        }
        Pointer ctxp = Memory.allocateDirect(jnr.ffi.Runtime.getSystemRuntime(), 8, true);
        if (LibC.INSTANCE.syscall(IO_SETUP, 1, ctxp.address(), 0, 0, 0) < 0) {
            throw new IOException("io_setup failed: " + LibC.describe(LibC.errno()));
        }
        return new Aio(ctxp.getLong(0));
    }

    /**
     * One write of {@code length} bytes from {@code buf} at {@code offset} of {@code f}, with
     * {@code rwFlags}, submitted and waited for: what the kernel answered (bytes, or -errno).
     */
    public long pwrite(OpenFile f, Pointer buf, long length, long offset, int rwFlags) throws IOException {
        for (int i = 0; i < IOCB_SIZE; i += 8) {
            iocb.putLong(i, 0);
        }
        iocb.putInt(12, rwFlags);
        iocb.putShort(16, IOCB_CMD_PWRITE);
        iocb.putInt(20, f.fd());
        iocb.putLong(24, buf.address());
        iocb.putLong(32, length);
        iocb.putLong(40, offset);
        iocbs.putLong(0, iocb.address());
        long submitted = LibC.INSTANCE.syscall(IO_SUBMIT, ctx, 1, iocbs.address(), 0, 0);
        if (submitted != 1) {
            return submitted < 0 ? -LibC.errno() : -rig.sys.Errno.EIO;
        }
        long got;
        do {
            got = LibC.INSTANCE.syscall(IO_GETEVENTS, ctx, 1, 1, event.address(), 0);
        } while (got < 0 && LibC.errno() == rig.sys.Errno.EINTR);
        if (got != 1) {
            throw new IOException("io_getevents failed: " + LibC.describe(LibC.errno()));
        }
        return event.getLong(16);
    }

    @Override
    public void close() {
        LibC.INSTANCE.syscall(IO_DESTROY, ctx, 0, 0, 0, 0);
    }
}
