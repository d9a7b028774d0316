package rig.fstest.io;

import java.nio.ByteBuffer;
import jnr.ffi.Pointer;
import rig.sys.LibC;

/** Native memory aligned for O_DIRECT (4096 bytes), as a ByteBuffer and as a jnr Pointer. */
public final class AlignedBuffer {
    public static final int ALIGN = 4096;

    private final ByteBuffer buf;
    private final Pointer ptr;

    private AlignedBuffer(int size) {
        // alignedSlice rounds the end down to the alignment too: allocate whole aligned blocks
        int blocks = (int) ((size + (long) ALIGN - 1) / ALIGN);
        buf = ByteBuffer.allocateDirect((blocks + 1) * ALIGN).alignedSlice(ALIGN).limit(size).slice();
        ptr = Pointer.wrap(LibC.runtime(), buf);
    }

    public static AlignedBuffer allocate(int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("buffer size " + size + " must be positive");
        }
        return new AlignedBuffer(size);
    }

    public static AlignedBuffer filled(int size, Pattern pattern) {
        AlignedBuffer b = allocate(size);
        pattern.fill(b.buf);
        return b;
    }

    public int size() {
        return buf.capacity();
    }

    /** The whole buffer; position 0, limit size. */
    public ByteBuffer bytes() {
        return buf.duplicate();
    }

    public Pointer pointer() {
        return ptr;
    }
}
