package rig.fstest.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * cmp(1) of two files, reporting where they differ as byte ranges and, for each range, whether
 * the second file holds zeros there (a zero-filled gap) or other bytes.
 */
public final class FileCompare {

    /** A run of differing bytes [start, end); {@code zeros}: the second file has only zeros there. */
    public record Range(long start, long end, boolean zeros) {
        @Override
        public String toString() {
            return (zeros ? "zero-filled" : "different") + " range [" + start + ", " + end + ")";
        }
    }

    /** The comparison: sizes and the differing ranges (empty when the files are identical). */
    public record Result(long sizeA, long sizeB, List<Range> ranges) {
        public boolean identical() {
            return sizeA == sizeB && ranges.isEmpty();
        }

        public long differingBytes() {
            return ranges.stream().mapToLong(r -> r.end() - r.start()).sum();
        }

        /** One line: "identical", or sizes and the first few ranges. */
        public String summary() {
            if (identical()) {
                return "identical";
            }
            StringBuilder sb = new StringBuilder();
            if (sizeA != sizeB) {
                sb.append("sizes differ (").append(sizeA).append(" and ").append(sizeB).append(" bytes)");
            }
            if (!ranges.isEmpty()) {
                sb.append(sb.length() > 0 ? "; " : "").append(differingBytes()).append(" bytes differ: ");
                sb.append(String.join(", ", ranges.stream().limit(4).map(Range::toString).toList()));
                if (ranges.size() > 4) {
                    sb.append(", ... (").append(ranges.size()).append(" ranges)");
                }
            }
            return sb.toString();
        }
    }

    private FileCompare() {
    }

    public static Result compare(Path a, Path b) throws IOException {
        try (FileChannel ca = FileChannel.open(a, StandardOpenOption.READ);
             FileChannel cb = FileChannel.open(b, StandardOpenOption.READ)) {
            long common = Math.min(ca.size(), cb.size());
            RangeBuilder ranges = new RangeBuilder();
            ByteBuffer ba = ByteBuffer.allocateDirect(1 << 20);
            ByteBuffer bb = ByteBuffer.allocateDirect(1 << 20);
            for (long off = 0; off < common; off += ba.capacity()) {
                int n = (int) Math.min(ba.capacity(), common - off);
                readFully(a, ca, ba.clear().limit(n), off);
                readFully(b, cb, bb.clear().limit(n), off);
                for (int i = 0; i < n; i++) {
                    byte x = ba.get(i);
                    byte y = bb.get(i);
                    ranges.next(off + i, x != y, y == 0);
                }
            }
            return new Result(ca.size(), cb.size(), ranges.finish());
        }
    }

    private static void readFully(Path file, FileChannel ch, ByteBuffer buf, long off) throws IOException {
        long pos = off;
        while (buf.hasRemaining()) {
            int r;
            try {
                r = ch.read(buf, pos);
            } catch (IOException e) {
                throw new IOException("read of " + file + " at [" + pos + ", " + (off + buf.limit()) + ") failed: "
                        + e.getMessage(), e);
            }
            if (r < 0) {
                throw new IOException("unexpected end of file at " + pos);
            }
            pos += r;
        }
    }

    /** Groups byte positions into ranges of differing bytes, split where zero-ness changes. */
    static final class RangeBuilder {
        private final List<Range> ranges = new ArrayList<>();
        private long start = -1;
        private boolean zeros;

        void next(long pos, boolean differs, boolean zero) {
            if (start >= 0 && (!differs || zero != zeros)) {
                ranges.add(new Range(start, pos, zeros));
                start = -1;
            }
            if (differs && start < 0) {
                start = pos;
                zeros = zero;
            }
            last = pos;
        }

        private long last = -1;

        List<Range> finish() {
            if (start >= 0) {
                ranges.add(new Range(start, last + 1, zeros));
                start = -1;
            }
            return ranges;
        }
    }
}
