package rig.devices.loop;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** The loop driver's ioctl numbers and struct layouts (include/uapi/linux/loop.h). */
final class LoopIoctl {

    static final long LOOP_CLR_FD = 0x4C01, LOOP_GET_STATUS64 = 0x4C05, LOOP_CONFIGURE = 0x4C0A,
            LOOP_CTL_GET_FREE = 0x4C82;
    static final int LO_FLAGS_READ_ONLY = 1, LO_FLAGS_AUTOCLEAR = 4, LO_FLAGS_DIRECT_IO = 16;

    /** struct loop_info64: 5 u64, 4 u32, 64+64+32 name/key bytes, 2 u64. */
    static final int LOOP_INFO64_SIZE = 232;
    /** struct loop_config: u32 fd, u32 block_size, loop_info64 info, u64 __reserved[8]. */
    static final int LOOP_CONFIG_SIZE = 8 + LOOP_INFO64_SIZE + 64;
    private static final int INFO = 8, LO_FLAGS = INFO + 52, LO_FILE_NAME = INFO + 56, LO_NAME_SIZE = 64;

    private LoopIoctl() {
    }

    /** A buffer for LOOP_GET_STATUS64. */
    static ByteBuffer info() {
        return ByteBuffer.allocateDirect(LOOP_INFO64_SIZE).order(ByteOrder.nativeOrder());
    }

    /** The backing file's identity in a loop_info64: "inode@device" (lo_inode, lo_device: st_ino, st_dev). */
    static String backingIdentity(ByteBuffer info) {
        return BackingIdentity.format(info.getLong(8), info.getLong(0));
    }

    /** A zeroed loop_config naming the backing fd, the block size, the flags and the file. */
    static ByteBuffer config(int backingFd, int blockSize, int loFlags, String fileName) {
        ByteBuffer b = ByteBuffer.allocateDirect(LOOP_CONFIG_SIZE).order(ByteOrder.nativeOrder());
        b.putInt(0, backingFd);
        b.putInt(4, blockSize);
        b.putInt(LO_FLAGS, loFlags);
        byte[] name = fileName.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(name.length, LO_NAME_SIZE - 1);
        for (int i = 0; i < n; i++) {
            b.put(LO_FILE_NAME + i, name[i]);
        }
        return b;
    }
}
