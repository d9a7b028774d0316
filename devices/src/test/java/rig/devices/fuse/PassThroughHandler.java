package rig.devices.fuse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import rig.devices.BlockHandler;
import rig.sys.LibC;

/** Test-only handler: every request straight to a backing file (no fault engine). */
final class PassThroughHandler implements BlockHandler, AutoCloseable {

    private static final LibC C = LibC.INSTANCE;
    private final int fd;
    private final long size;

    PassThroughHandler(Path file, long size) throws IOException {
        this.fd = C.open(file.toString(), LibC.O_RDWR | LibC.O_CLOEXEC, 0);
        if (fd < 0) {
            throw new IOException("open " + file + ": " + LibC.describe(LibC.errno()));
        }
        this.size = size;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int read(long offset, ByteBuffer dst) {
        long addr = LibC.address(dst) + dst.position();
        int want = dst.remaining();
        for (int done = 0; done < want; ) {
            long n = C.pread(fd, addr + done, want - done, offset + done);
            if (n <= 0) {
                return n == 0 ? 5 : LibC.errno();
            }
            done += (int) n;
        }
        return 0;
    }

    @Override
    public int write(long offset, ByteBuffer src, boolean fua) {
        long addr = LibC.address(src) + src.position();
        int want = src.remaining();
        for (int done = 0; done < want; ) {
            long n = C.pwrite(fd, addr + done, want - done, offset + done);
            if (n <= 0) {
                return n == 0 ? 5 : LibC.errno();
            }
            done += (int) n;
        }
        return 0;
    }

    @Override
    public int flush() {
        return C.fdatasync(fd) == 0 ? 0 : LibC.errno();
    }

    @Override
    public int discard(long offset, long length) {
        return C.fallocate(fd, 3, offset, length) == 0 ? 0 : LibC.errno();
    }

    @Override
    public void close() {
        C.close(fd);
    }
}
