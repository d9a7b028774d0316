package rig.fstest.stress;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What one file must hold: its size and its bytes, updated with what each call returned. */
final class FileModel {
    private final byte[] bytes;
    private long size;

    FileModel(int capacity) {
        bytes = new byte[capacity];
    }

    long size() {
        return size;
    }

    int capacity() {
        return bytes.length;
    }

    /** {@code data[0, count)} landed at {@code offset}. */
    void wrote(long offset, byte[] data, int count) {
        System.arraycopy(data, 0, bytes, (int) offset, count);
        size = Math.max(size, offset + count);
    }

    void truncated(long newSize) {
        if (newSize < size) {
            Arrays.fill(bytes, (int) newSize, (int) size, (byte) 0);
        }
        size = newSize;
    }

    /** fallocate's range [offset, offset+length) reads as zeros from now on (punch, zero range). */
    void zeroed(long offset, long length) {
        long end = Math.min(size, offset + length);
        if (offset < end) {
            Arrays.fill(bytes, (int) offset, (int) end, (byte) 0);
        }
    }

    /** fallocate without KEEP_SIZE: the size grows to cover the range; the new bytes read as zeros. */
    void extendedTo(long end) {
        size = Math.max(size, end);
    }

    /** The ranges where {@code actual} (read from {@code offset}) differs from the model, with a sample. */
    List<Mismatch> compare(long offset, byte[] actual, int count) {
        List<Mismatch> found = new ArrayList<>();
        int i = 0;
        while (i < count) {
            if (actual[i] == expected(offset + i)) {
                i++;
                continue;
            }
            int start = i;
            while (i < count && actual[i] != expected(offset + i)) {
                i++;
            }
            found.add(new Mismatch(offset + start, offset + i, expected(offset + start), actual[start]));
        }
        return found;
    }

    private byte expected(long at) {
        return at < size ? bytes[(int) at] : 0;
    }

    /** Bytes [start, end) differ: the model says {@code expected} at start, the file holds {@code actual}. */
    record Mismatch(long start, long end, byte expected, byte actual) {
        @Override
        public String toString() {
            return String.format("[%d, %d) holds 0x%02x where the workload left 0x%02x", start, end, actual & 0xff, expected & 0xff);
        }
    }
}
