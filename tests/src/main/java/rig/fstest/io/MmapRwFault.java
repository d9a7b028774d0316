package rig.fstest.io;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import jnr.ffi.Pointer;
import rig.check.api.TestExitException;
import rig.sys.LibC;

/**
 * fstests' {@code src/mmap-rw-fault} (generic/647, and generic/729 with {@code -2}), written
 * anew: page faults in the same file during read and write. Each round leaves a hole at page 0,
 * writes page 1 with a new fill byte through O_DIRECT (so the page cache does not hold it),
 * reopens the file and maps its first two pages privately, then does one transfer whose user
 * buffer is that mapping and checks the result through the mapping. A failure is the program's
 * err(3) line on the transcript, and exit status 1.
 */
public final class MmapRwFault {
    private static final String PROGRAM = "mmap-rw-fault";

    private final Path filename;
    private final PrintStream stderr;
    private final int pageSize = LibC.INSTANCE.getpagesize();
    private final AlignedBuffer page = AlignedBuffer.allocate(pageSize);
    private OpenFile fd;
    private Mapping addr;

    /** {@code stderr}: where the program's complaints go (the transcript, as in fstests). */
    public MmapRwFault(Path filename, PrintStream stderr) {
        this.filename = filename;
        this.stderr = stderr;
    }

    /** The program's rounds; {@code opt2} adds the direct write of a mapped page onto itself (-2). */
    public void run(boolean opt2) throws IOException {
        // Page faults during pread: read from an allocated area on disk into page 0.
        init('a', LibC.O_RDWR);
        expectCount(doRead(addr.at(0), pageSize, pageSize), "pread %s: %d != %d");
        expectMapped("pread is broken");
        done();

        init('b', LibC.O_RDWR | LibC.O_DIRECT);
        expectCount(doRead(addr.at(0), pageSize, pageSize), "pread %s (O_DIRECT): %d != %d");
        expectMapped("pread (D_DIRECT) is broken");
        done();

        // Page faults during pwrite: write from an allocated area on disk into page 0.
        init('c', LibC.O_RDWR);
        expectCount(doWrite(addr.at(pageSize), pageSize, 0), "pwrite %s: %d != %d");
        expectMapped("pwrite is broken");
        done();

        init('d', LibC.O_RDWR | LibC.O_DIRECT);
        expectCount(doWrite(addr.at(pageSize), pageSize, 0), "pwrite %s (O_DIRECT): %d != %d");
        expectMapped("pwrite (O_DIRECT) is broken");
        done();

        // A direct read of a hole takes another path in the kernel: read the hole into page 0.
        init('e', LibC.O_RDWR | LibC.O_DIRECT);
        expectCount(doRead(addr.at(0), pageSize, 0), "pread %s (O_DIRECT) from hole: %d != %d");
        fill((byte) 0);
        expectMapped("pread (D_DIRECT) from hole is broken");
        done();

        if (opt2) {
            init('f', LibC.O_RDWR | LibC.O_DIRECT);
            expectCount(doWrite(addr.at(pageSize), pageSize, pageSize), "pwrite %s (O_DIRECT): %d != %d");
            done();
        }
        Files.delete(filename);
    }

    /** Page 0 a hole, page 1 filled with {@code c} by a direct write; reopened with {@code flags}; two pages mapped privately. */
    private void init(char c, int flags) throws IOException {
        try (OpenFile w = OpenFile.open(filename, LibC.O_CREAT | LibC.O_TRUNC | LibC.O_WRONLY | LibC.O_DIRECT)) {
            fill((byte) c);
            Transfer t = w.pwrite(page.bytes(), pageSize);
            if (t.done() != pageSize) {
                throw err(t.errno(), filename.toString());
            }
        }
        fd = OpenFile.open(filename, flags);
        addr = Mapping.map(fd, 2L * pageSize, LibC.PROT_READ | LibC.PROT_WRITE, false);
    }

    private void done() throws IOException {
        try {
            fd.fsync();
        } finally {
            fd.close();
            addr.close();
        }
    }

    /** Reads until {@code count} bytes, EOF or an error, retrying EINTR; returns the bytes read and the last errno. */
    private Transfer doRead(Pointer buf, long count, long offset) {
        return loop(buf, count, offset, false);
    }

    private Transfer doWrite(Pointer buf, long count, long offset) {
        return loop(buf, count, offset, true);
    }

    private Transfer loop(Pointer buf, long count, long offset, boolean write) {
        long done = 0;
        int errno = 0;
        while (done < count) {
            Pointer at = buf.slice(done, count - done);
            Transfer t = write ? fd.pwrite(at, count - done, offset + done) : fd.pread(at, count - done, offset + done);
            if (t.failed() && t.errno() == rig.sys.Errno.EINTR) {
                continue;
            }
            if (t.failed() || t.done() == 0) {
                errno = t.errno();
                break;
            }
            done += t.done();
        }
        return new Transfer(count, done, errno);
    }

    private void expectCount(Transfer t, String format) {
        if (t.done() != pageSize) {
            throw err(t.errno(), String.format(format, filename, t.done(), pageSize));
        }
    }

    /** memcmp(addr, page, page_size): what the mapping shows of page 0 against the page buffer. */
    private void expectMapped(String broken) {
        byte[] want = new byte[pageSize];
        page.bytes().get(0, want);
        if (!Arrays.equals(addr.get(0, pageSize), want)) {
            stderr.println(PROGRAM + ": " + broken);
            throw new TestExitException(1);
        }
    }

    private void fill(byte c) {
        Pattern.of(c & 0xff).fill(page.bytes());
    }

    /** err(1, ...): "mmap-rw-fault: what: strerror(errno)". */
    private TestExitException err(int errno, String what) {
        stderr.println(PROGRAM + ": " + what + ": " + ErrnoText.strerror(errno));
        return new TestExitException(1);
    }
}
