package rig.devices.fuse;

import static rig.devices.fuse.FuseProtocol.*;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import rig.sys.Errno;

/**
 * Replies to the metadata requests of a filesystem with one directory (the root) holding one
 * regular file, "disk", of a fixed size. Each method writes the reply body at
 * {@code out[OUT_HEADER..]} and returns its length, or a negative errno.
 */
final class FuseMetadata {

    static final String FILE_NAME = "disk";
    private static final byte[] NAME = FILE_NAME.getBytes(StandardCharsets.US_ASCII);
    private static final long VALID_SECONDS = 86400;
    private static final int DT_DIR = 4, DT_REG = 8;

    private final long size;
    private final long timeSeconds = System.currentTimeMillis() / 1000;

    FuseMetadata(long size) {
        this.size = size;
    }

    /** LOOKUP: only "disk" in the root exists. */
    int lookup(ByteBuffer in, int len, ByteBuffer out) {
        long parent = in.getLong(H_NODEID);
        int nameLen = len - LOOKUP_NAME - 1; // nul-terminated
        if (parent != ROOT_ID || nameLen != NAME.length) {
            return -Errno.ENOENT;
        }
        for (int i = 0; i < NAME.length; i++) {
            if (in.get(LOOKUP_NAME + i) != NAME[i]) {
                return -Errno.ENOENT;
            }
        }
        int o = OUT_HEADER;
        out.putLong(o, DISK_ID);
        out.putLong(o + 8, 0); // generation
        out.putLong(o + 16, VALID_SECONDS);
        out.putLong(o + 24, VALID_SECONDS);
        out.putInt(o + 32, 0);
        out.putInt(o + 36, 0);
        attr(out, o + 40, DISK_ID);
        return ENTRY_OUT;
    }

    /** GETATTR, and SETATTR as long as it does not change the size. */
    int getattr(long nodeId, ByteBuffer out) {
        if (nodeId != ROOT_ID && nodeId != DISK_ID) {
            return -Errno.ENOENT;
        }
        int o = OUT_HEADER;
        out.putLong(o, VALID_SECONDS);
        out.putInt(o + 8, 0);
        out.putInt(o + 12, 0);
        attr(out, o + 16, nodeId);
        return ATTR_OUT;
    }

    int setattr(ByteBuffer in, ByteBuffer out) {
        long node = in.getLong(H_NODEID);
        int valid = in.getInt(SETATTR_VALID);
        if ((valid & FATTR_SIZE) != 0 && (node != DISK_ID || in.getLong(SETATTR_SIZE) != size)) {
            return -Errno.EPERM; // a device does not change size
        }
        return getattr(node, out);
    }

    private void attr(ByteBuffer out, int o, long nodeId) {
        boolean dir = nodeId == ROOT_ID;
        long bytes = dir ? 0 : size;
        out.putLong(o, nodeId);
        out.putLong(o + 8, bytes);
        out.putLong(o + 16, (bytes + 511) / 512);
        out.putLong(o + 24, timeSeconds);
        out.putLong(o + 32, timeSeconds);
        out.putLong(o + 40, timeSeconds);
        out.putInt(o + 48, 0);
        out.putInt(o + 52, 0);
        out.putInt(o + 56, 0);
        out.putInt(o + 60, dir ? 040755 : 0100600);
        out.putInt(o + 64, dir ? 2 : 1);
        out.putInt(o + 68, 0); // uid root
        out.putInt(o + 72, 0); // gid root
        out.putInt(o + 76, 0);
        out.putInt(o + 80, 4096);
        out.putInt(o + 84, 0);
    }

    /** OPEN of the disk: direct I/O, so the loop device's requests reach the server as they are. */
    int open(long nodeId, ByteBuffer out, boolean dir) {
        if (dir ? nodeId != ROOT_ID : nodeId != DISK_ID) {
            return -(dir ? Errno.ENOTDIR : Errno.EISDIR);
        }
        out.putLong(OUT_HEADER, nodeId); // fh
        out.putInt(OUT_HEADER + 8, dir ? 0 : FOPEN_DIRECT_IO | FOPEN_PARALLEL_DIRECT_WRITES);
        out.putInt(OUT_HEADER + 12, 0);
        return OPEN_OUT;
    }

    int statfs(ByteBuffer out) {
        int o = OUT_HEADER;
        out.putLong(o, size / 4096);
        out.putLong(o + 8, 0);
        out.putLong(o + 16, 0);
        out.putLong(o + 24, 2);
        out.putLong(o + 32, 0);
        out.putInt(o + 40, 4096);
        out.putInt(o + 44, 255);
        out.putInt(o + 48, 4096);
        for (int i = o + 52; i < o + STATFS_OUT; i += 4) {
            out.putInt(i, 0);
        }
        return STATFS_OUT;
    }

    /** READDIR of the root: ".", "..", "disk"; an entry's offset is the cookie of the next. */
    int readdir(ByteBuffer in, ByteBuffer out) {
        long from = in.getLong(RW_OFFSET);
        int max = in.getInt(RW_SIZE);
        int o = OUT_HEADER;
        for (long i = from; i < 3; i++) {
            byte[] name = i == 0 ? new byte[] {'.'} : i == 1 ? new byte[] {'.', '.'} : NAME;
            int entry = (24 + name.length + 7) & ~7;
            if (o - OUT_HEADER + entry > max) {
                break;
            }
            out.putLong(o, i == 2 ? DISK_ID : ROOT_ID);
            out.putLong(o + 8, i + 1);
            out.putInt(o + 16, name.length);
            out.putInt(o + 20, i == 2 ? DT_REG : DT_DIR);
            for (int k = 0; k < entry - 24; k++) {
                out.put(o + 24 + k, k < name.length ? name[k] : 0);
            }
            o += entry;
        }
        return o - OUT_HEADER;
    }
}
