package rig.fstest.io;

import java.nio.ByteBuffer;

/** A byte pattern for writes, like xfs_io's {@code pwrite -S 0x69}; 0xcd is xfs_io's default. */
public record Pattern(byte value) {

    public static final Pattern XFS_IO_DEFAULT = of(0xcd);

    public static Pattern of(int value) {
        if (value < 0 || value > 0xff) {
            throw new IllegalArgumentException("pattern byte " + value + " is out of range 0..0xff");
        }
        return new Pattern((byte) value);
    }

    /** Fills {@code buf} from position to limit, leaving its position unchanged. */
    public void fill(ByteBuffer buf) {
        for (int i = buf.position(); i < buf.limit(); i++) {
            buf.put(i, value);
        }
    }

    /** The offset within {@code buf} (position to limit) of the first byte that differs, or -1. */
    public int firstMismatch(ByteBuffer buf) {
        for (int i = buf.position(); i < buf.limit(); i++) {
            if (buf.get(i) != value) {
                return i - buf.position();
            }
        }
        return -1;
    }

    /** The same bytes as the gap verifier's pattern ("fill:0x69"). */
    public rig.checkers.gaps.Pattern expected() {
        return rig.checkers.gaps.Pattern.fill(value & 0xff);
    }

    @Override
    public String toString() {
        return String.format("0x%02x", value & 0xff);
    }
}
