package rig.devices.fuse;

import static rig.devices.fuse.FuseProtocol.*;

import java.nio.ByteBuffer;

/**
 * The INIT negotiation: the kernel offers a protocol version and flags, we answer with the
 * version we both speak and the subset of flags we want: 1 MiB requests (max_pages 256,
 * max_write 1 MiB), asynchronous direct I/O, and no writeback cache or passthrough.
 */
final class FuseInit {

    static final int WANTED = ASYNC_READ | BIG_WRITES | ASYNC_DIO | MAX_PAGES | PARALLEL_DIROPS;
    static final int MAX_BACKGROUND = 128;

    private FuseInit() {
    }

    static int negotiatedMinor(ByteBuffer in) {
        return Math.min(in.getInt(INIT_MINOR), OUR_MINOR);
    }

    /** Writes the reply to the INIT in {@code in} into {@code out}; returns its length. */
    static int reply(ByteBuffer in, ByteBuffer out) {
        long unique = in.getLong(H_UNIQUE);
        int major = in.getInt(INIT_MAJOR);
        int minor = negotiatedMinor(in);
        int offered = in.getInt(INIT_FLAGS);
        int o = OUT_HEADER;
        for (int i = o; i < o + INIT_OUT; i += 4) {
            out.putInt(i, 0);
        }
        out.putInt(o, KERNEL_MAJOR);
        out.putInt(o + 4, minor);
        if (major != KERNEL_MAJOR) { // the kernel retries with our major when it can
            return header(out, unique, OUT_HEADER + 8);
        }
        out.putInt(o + 8, in.getInt(INIT_READAHEAD));
        out.putInt(o + 12, offered & WANTED);
        out.putShort(o + 16, (short) MAX_BACKGROUND);
        out.putShort(o + 18, (short) (MAX_BACKGROUND * 3 / 4));
        out.putInt(o + 20, FuseSession.MAX_IO); // max_write
        out.putInt(o + 24, 1); // time_gran: 1 ns
        out.putShort(o + 28, (short) FuseSession.MAX_PAGES_WANTED);
        int body = minor < 23 ? INIT_OUT_COMPAT_22 : INIT_OUT;
        return header(out, unique, OUT_HEADER + body);
    }

    private static int header(ByteBuffer out, long unique, int len) {
        out.putInt(0, len);
        out.putInt(4, 0);
        out.putLong(8, unique);
        return len;
    }
}
