package rig.checkers;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import rig.checkers.gaps.ExpectationLog;
import rig.checkers.gaps.Pattern;
import rig.sys.LibC;

/** O_DIRECT writes of a pattern through libc, each call recorded in an expectation log. */
public final class DirectIo {

    private DirectIo() {
    }

    public static void write(ExpectationLog log, Path file, long offset, int length, Pattern p) throws IOException {
        int fd = LibC.INSTANCE.open(file.toString(), LibC.O_WRONLY | LibC.O_CREAT | LibC.O_DIRECT | LibC.O_CLOEXEC, 0644);
        if (fd < 0) {
            throw new IOException("open O_DIRECT " + file + ": " + LibC.describe(LibC.errno()));
        }
        try {
            ByteBuffer buf = ByteBuffer.allocateDirect(length + 4096).alignedSlice(4096);
            buf.limit(length);
            p.fill(buf, offset);
            long n = LibC.INSTANCE.pwrite(fd, buf, length, offset);
            long result = n < 0 ? -LibC.errno() : n;
            log.record(file, offset, length, p, result);
            if (n != length) {
                throw new IOException("pwrite O_DIRECT " + file + " returned " + result);
            }
        } finally {
            LibC.INSTANCE.close(fd);
        }
    }
}
