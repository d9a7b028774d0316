package rig.devices.fuse;

/**
 * The FUSE kernel protocol as far as the rig speaks it (include/uapi/linux/fuse.h): opcodes,
 * flags and the byte offsets of the fields read or written. All structs are little endian on
 * x86-64 and padded to 8 bytes; the kernel never sends more than it negotiated.
 */
final class FuseProtocol {

    static final int KERNEL_MAJOR = 7;
    /** The highest minor whose structs this implementation knows (fuse_init_out of 64 bytes). */
    static final int OUR_MINOR = 41;
    static final long ROOT_ID = 1, DISK_ID = 2;

    // opcodes
    static final int LOOKUP = 1, FORGET = 2, GETATTR = 3, SETATTR = 4, OPEN = 14, READ = 15, WRITE = 16,
            STATFS = 17, RELEASE = 18, FSYNC = 20, FLUSH = 25, INIT = 26, OPENDIR = 27, READDIR = 28,
            RELEASEDIR = 29, FSYNCDIR = 30, INTERRUPT = 36, DESTROY = 38, BATCH_FORGET = 42, FALLOCATE = 43;

    // fuse_init_in.flags / fuse_init_out.flags
    static final int ASYNC_READ = 1, BIG_WRITES = 1 << 5, ASYNC_DIO = 1 << 15, WRITEBACK_CACHE = 1 << 16,
            PARALLEL_DIROPS = 1 << 18, MAX_PAGES = 1 << 22;

    // fuse_open_out.open_flags
    static final int FOPEN_DIRECT_IO = 1, FOPEN_PARALLEL_DIRECT_WRITES = 1 << 6;

    // fuse_setattr_in.valid
    static final int FATTR_SIZE = 1 << 3;

    // fallocate(2) modes
    static final int FALLOC_KEEP_SIZE = 1, FALLOC_PUNCH_HOLE = 2, FALLOC_ZERO_RANGE = 0x10;

    // sizes
    static final int IN_HEADER = 40, OUT_HEADER = 16, ATTR = 88, ENTRY_OUT = 40 + ATTR, ATTR_OUT = 16 + ATTR,
            OPEN_OUT = 16, WRITE_OUT = 8, STATFS_OUT = 80, INIT_OUT = 64, INIT_OUT_COMPAT_22 = 24;

    // fuse_in_header
    static final int H_LEN = 0, H_OPCODE = 4, H_UNIQUE = 8, H_NODEID = 16;
    // bodies, as offsets from the start of the request (after the 40-byte header)
    static final int INIT_MAJOR = 40, INIT_MINOR = 44, INIT_READAHEAD = 48, INIT_FLAGS = 52;
    static final int RW_FH = 40, RW_OFFSET = 48, RW_SIZE = 56, RW_FLAGS = 60;
    static final int WRITE_DATA = 80;
    static final int SETATTR_VALID = 40, SETATTR_SIZE = 56;
    static final int FALLOC_OFFSET = 48, FALLOC_LENGTH = 56, FALLOC_MODE = 64;
    static final int LOOKUP_NAME = 40;

    /** _IOR(229, 0, uint32_t): bind a new /dev/fuse fd to the connection of another. */
    static final long FUSE_DEV_IOC_CLONE = 0x8004e500L;
    static final int PR_SET_IO_FLUSHER = 57;
    static final int FUSE_MIN_READ_BUFFER = 8192;

    private FuseProtocol() {
    }
}
