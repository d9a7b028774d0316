package rig.devices.fuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static rig.devices.fuse.FuseProtocol.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import rig.sys.Errno;

/** Byte layouts of the replies, against the struct offsets of include/uapi/linux/fuse.h. */
class FuseEncodingTest {

    static ByteBuffer buf() {
        return ByteBuffer.allocate(8192).order(ByteOrder.LITTLE_ENDIAN);
    }

    static ByteBuffer init(int major, int minor, int flags) {
        ByteBuffer in = buf();
        in.putInt(H_OPCODE, INIT).putLong(H_UNIQUE, 77);
        in.putInt(INIT_MAJOR, major).putInt(INIT_MINOR, minor).putInt(INIT_READAHEAD, 131072).putInt(INIT_FLAGS, flags);
        return in;
    }

    @Test
    void initTakesOnlyOfferedFlagsAndAsksForOneMebibyteRequests() {
        ByteBuffer out = buf();
        int offered = 0xffffffff & ~WRITEBACK_CACHE & ~ASYNC_DIO; // kernel without async dio
        int len = FuseInit.reply(init(7, 44, offered | WRITEBACK_CACHE), out);
        assertEquals(OUT_HEADER + INIT_OUT, len);
        assertEquals(len, out.getInt(0));
        assertEquals(0, out.getInt(4));
        assertEquals(77, out.getLong(8));
        assertEquals(7, out.getInt(16));
        assertEquals(OUR_MINOR, out.getInt(20), "min(kernel, ours)");
        int flags = out.getInt(28);
        assertEquals(0, flags & WRITEBACK_CACHE, "never the writeback cache");
        assertEquals(MAX_PAGES | BIG_WRITES, flags & (MAX_PAGES | BIG_WRITES));
        assertEquals(1 << 20, out.getInt(36), "max_write");
        assertEquals(256, out.getShort(44), "max_pages");
        assertEquals(FuseInit.MAX_BACKGROUND, out.getShort(32));
    }

    @Test
    void initWithAnOlderKernelUsesItsMinorAndTheShortReply() {
        ByteBuffer out = buf();
        assertEquals(OUT_HEADER + INIT_OUT_COMPAT_22, FuseInit.reply(init(7, 22, ASYNC_DIO), out));
        assertEquals(22, out.getInt(20));
        assertEquals(ASYNC_DIO, out.getInt(28));
    }

    @Test
    void initFromAnotherMajorAnswersOnlyOurMajor() {
        ByteBuffer out = buf();
        assertEquals(OUT_HEADER + 8, FuseInit.reply(init(8, 0, 0), out));
        assertEquals(7, out.getInt(16));
    }

    @Test
    void lookupFindsOnlyTheDiskInTheRoot() {
        FuseMetadata meta = new FuseMetadata(1 << 30);
        ByteBuffer in = buf();
        byte[] name = "disk\0".getBytes(StandardCharsets.US_ASCII);
        in.putLong(H_NODEID, ROOT_ID).put(LOOKUP_NAME, name);
        ByteBuffer out = buf();
        assertEquals(ENTRY_OUT, meta.lookup(in, LOOKUP_NAME + name.length, out));
        assertEquals(DISK_ID, out.getLong(16));
        assertEquals(1L << 30, out.getLong(16 + 40 + 8), "attr.size");
        assertEquals(0100600, out.getInt(16 + 40 + 60), "attr.mode");
        assertEquals(-Errno.ENOENT, meta.lookup(in, LOOKUP_NAME + 3, out));
        in.putLong(H_NODEID, DISK_ID);
        assertEquals(-Errno.ENOENT, meta.lookup(in, LOOKUP_NAME + name.length, out));
    }

    @Test
    void setattrRefusesToChangeTheSize() {
        FuseMetadata meta = new FuseMetadata(4096);
        ByteBuffer in = buf();
        in.putLong(H_NODEID, DISK_ID).putInt(SETATTR_VALID, FATTR_SIZE).putLong(SETATTR_SIZE, 8192);
        assertEquals(-Errno.EPERM, meta.setattr(in, buf()));
        in.putLong(SETATTR_SIZE, 4096);
        assertEquals(ATTR_OUT, meta.setattr(in, buf()));
    }

    @Test
    void readdirListsThreeEntriesAndResumesAtTheCookie() {
        FuseMetadata meta = new FuseMetadata(4096);
        ByteBuffer in = buf();
        in.putLong(RW_OFFSET, 0).putInt(RW_SIZE, 4096);
        ByteBuffer out = buf();
        int len = meta.readdir(in, out);
        assertEquals(32 + 32 + 32, len, "three 8-aligned dirents: 24 + name, padded");
        assertEquals(3, out.getLong(16 + 64 + 8), "cookie of the last entry");
        assertEquals(4, out.getInt(16 + 64 + 16), "namelen of disk");
        in.putLong(RW_OFFSET, 2);
        assertEquals(32, meta.readdir(in, out));
        in.putLong(RW_OFFSET, 3);
        assertEquals(0, meta.readdir(in, out));
        in.putLong(RW_OFFSET, 0).putInt(RW_SIZE, 40);
        assertEquals(32, meta.readdir(in, out), "stops where the next entry would not fit");
    }

    @Test
    void openAsksForDirectIo() {
        FuseMetadata meta = new FuseMetadata(4096);
        ByteBuffer out = buf();
        assertEquals(OPEN_OUT, meta.open(DISK_ID, out, false));
        assertEquals(FOPEN_DIRECT_IO | FOPEN_PARALLEL_DIRECT_WRITES, out.getInt(24));
        assertEquals(-Errno.EISDIR, meta.open(ROOT_ID, out, false));
        assertEquals(OPEN_OUT, meta.open(ROOT_ID, out, true));
    }
}
