package rig.sys;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The extent map of a file through FS_IOC_FIEMAP: which file ranges are holes, unwritten
 * (preallocated) extents, delayed allocations or mapped data, and where they sit on the device.
 * Never passes FIEMAP_FLAG_SYNC unless asked: a sync on a stalled device would block the caller.
 */
public final class Fiemap {

    /** _IOWR('f', 11, struct fiemap): struct fiemap is 32 bytes. */
    public static final long FS_IOC_FIEMAP = 0xC020660BL;
    public static final int FLAG_SYNC = 0x1, FLAG_XATTR = 0x2;

    public static final int EXTENT_LAST = 0x1, EXTENT_UNKNOWN = 0x2, EXTENT_DELALLOC = 0x4,
            EXTENT_ENCODED = 0x8, EXTENT_DATA_ENCRYPTED = 0x80, EXTENT_NOT_ALIGNED = 0x100,
            EXTENT_DATA_INLINE = 0x200, EXTENT_DATA_TAIL = 0x400, EXTENT_UNWRITTEN = 0x800,
            EXTENT_MERGED = 0x1000, EXTENT_SHARED = 0x2000;

    private static final int HEADER = 32, EXTENT = 56, BATCH = 256;
    private static final String[] FLAG_NAMES = {"last", "unknown", "delalloc", "encoded", null, null, null,
            "encrypted", "not_aligned", "inline", "tail", "unwritten", "merged", "shared"};

    /** One struct fiemap_extent. */
    public record Extent(long logical, long physical, long length, int flags) {
        public long end() {
            return logical + length;
        }

        public boolean has(int flag) {
            return (flags & flag) != 0;
        }

        public boolean unwritten() {
            return has(EXTENT_UNWRITTEN);
        }

        /** "unwritten|last" */
        public String flagNames() {
            return Fiemap.flagNames(flags);
        }

        @Override
        public String toString() {
            return "[" + logical + ", " + end() + ") at " + physical + (flags == 0 ? "" : " " + flagNames());
        }
    }

    private Fiemap() {
    }

    /** The extents overlapping [start, start+length) of {@code file} (not synced first). */
    public static List<Extent> of(Path file, long start, long length) throws IOException {
        return of(file, start, length, 0);
    }

    /** The whole file's extents. */
    public static List<Extent> of(Path file) throws IOException {
        return of(file, 0, Long.MAX_VALUE, 0);
    }

    public static List<Extent> of(Path file, long start, long length, int requestFlags) throws IOException {
        int fd = LibC.INSTANCE.open(file.toString(), LibC.O_RDONLY | LibC.O_CLOEXEC, 0);
        if (fd < 0) {
            throw new IOException("cannot open " + file + " for FIEMAP: " + LibC.describe(LibC.errno()));
        }
        try {
            return query(fd, file, start, length, requestFlags);
        } finally {
            LibC.INSTANCE.close(fd);
        }
    }

    /** Asks in batches of {@value #BATCH} extents until the last extent or the end of the range. */
    static List<Extent> query(int fd, Path file, long start, long length, int requestFlags) throws IOException {
        List<Extent> all = new ArrayList<>();
        ByteBuffer buf = ByteBuffer.allocateDirect(HEADER + BATCH * EXTENT).order(ByteOrder.nativeOrder());
        long end = length > Long.MAX_VALUE - start ? Long.MAX_VALUE : start + length;
        long pos = start;
        while (pos < end) {
            buf.clear();
            for (int i = 0; i < buf.capacity(); i++) {
                buf.put(i, (byte) 0);
            }
            buf.putLong(0, pos).putLong(8, end == Long.MAX_VALUE ? -1L : end - pos)
                    .putInt(16, requestFlags).putInt(24, BATCH);
            if (LibC.INSTANCE.ioctl(fd, FS_IOC_FIEMAP, buf) < 0) {
                int err = LibC.errno();
                throw new IOException("FS_IOC_FIEMAP on " + file + " [" + pos + ", " + end + ") failed: "
                        + LibC.describe(err) + (err == Errno.EOPNOTSUPP ? " (the filesystem has no FIEMAP)" : ""));
            }
            int mapped = buf.getInt(20);
            if (mapped == 0) {
                break;
            }
            Extent last = null;
            for (int i = 0; i < mapped; i++) {
                int o = HEADER + i * EXTENT;
                last = new Extent(buf.getLong(o), buf.getLong(o + 8), buf.getLong(o + 16), buf.getInt(o + 40));
                all.add(last);
            }
            if (last.has(EXTENT_LAST) || last.end() <= pos) {
                break;
            }
            pos = last.end();
        }
        return all;
    }

    public static String flagNames(int flags) {
        List<String> names = new ArrayList<>();
        for (int bit = 0; bit < 32; bit++) {
            if ((flags & (1 << bit)) != 0) {
                String n = bit < FLAG_NAMES.length ? FLAG_NAMES[bit] : null;
                names.add(n != null ? n : "0x" + Integer.toHexString(1 << bit));
            }
        }
        return String.join("|", names);
    }

    /**
     * What FIEMAP says of [start, end): "hole", "unwritten extent", "mapped extent at 13631488",
     * or a ";"-joined description when the range spans several states.
     */
    public static String describe(List<Extent> extents, long start, long end) {
        List<String> parts = new ArrayList<>();
        long pos = start;
        for (Extent e : extents) {
            if (e.end() <= pos || e.logical() >= end) {
                continue;
            }
            if (e.logical() > pos) {
                parts.add("hole [" + pos + ", " + e.logical() + ")");
            }
            long s = Math.max(pos, e.logical());
            long t = Math.min(end, e.end());
            String what = e.unwritten() ? "unwritten extent"
                    : e.has(EXTENT_DELALLOC) ? "delalloc (not yet allocated)"
                    : e.has(EXTENT_DATA_INLINE) ? "inline data"
                    : "mapped extent at " + (e.physical() + (s - e.logical()));
            parts.add(what + " [" + s + ", " + t + ")");
            pos = t;
        }
        if (pos < end) {
            parts.add("hole [" + pos + ", " + end + ")");
        }
        if (parts.size() == 1) {
            return parts.get(0).substring(0, parts.get(0).lastIndexOf(" ["));
        }
        return String.join("; ", parts);
    }
}
