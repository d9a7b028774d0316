package rig.devices;

import java.nio.ByteBuffer;

/**
 * What serves the requests of a Java block device. The transport (FUSE today, NBD later) calls
 * it from several serving threads at once, each with its own direct buffers. Methods return 0
 * on success or a positive errno that completes the kernel's request with that error; they do
 * not throw on the hot path and do not allocate per request.
 */
public interface BlockHandler {

    /** Device size in bytes (a multiple of 512). */
    long size();

    /** Fills {@code dst} from its position to its limit with the bytes at {@code offset}. */
    int read(long offset, ByteBuffer dst);

    /**
     * As {@link #read(long, ByteBuffer)}, but a handler that would copy the range unchanged from
     * a file may instead hand that file's range to {@code sink} (the transport then moves the
     * bytes without a copy through user memory, e.g. with splice(2)). Either {@code dst} is
     * filled or {@code sink} took the range; the transport asks {@code sink} which. The handler
     * accounts for the request as usual before it returns.
     */
    default int read(long offset, ByteBuffer dst, FileSink sink) {
        return read(offset, dst);
    }

    /** Takes a read's bytes straight from a file (see {@link #read(long, ByteBuffer, FileSink)}). */
    interface FileSink {
        /** Takes {@code length} bytes of file {@code fd} at {@code offset}; returns 0 or a positive errno. */
        int take(int fd, long offset, int length);
    }

    /** Stores {@code src} (position to limit) at {@code offset}; {@code fua}: durable on return. */
    int write(long offset, ByteBuffer src, boolean fua);

    /** A cache flush (REQ_PREFLUSH / fsync of the device file): earlier writes become durable. */
    int flush();

    /** A discard (fallocate punch hole on the device file). */
    int discard(long offset, long length);
}
