package rig.tests.generic;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import rig.fstest.FstestBase;
import rig.fstest.io.AlignedBuffer;
import rig.fstest.io.Mapping;
import rig.fstest.io.OpenFile;
import rig.fstest.io.Pattern;
import rig.fstest.io.Transfer;
import rig.sys.LibC;

/**
 * Page faults in the same file during reads and writes (generic/647 and generic/729; the
 * counterpart of fstests' mmap-rw-fault helper, written anew). Each round starts from a
 * two-page file whose page 0 is a hole and page 1 holds {@link #DATA}, mapped privately,
 * does one transfer whose user buffer is the mapping of that same file, fsyncs, and checks
 * the data. A round that goes wrong prints one line to the transcript; silence is golden.
 */
final class MmapRwFault {
    static final Pattern DATA = Pattern.of(0x61);
    static final Pattern PAGE0 = Pattern.of(0x5a);
    /** Calls a one-page write may take before it counts as making no progress. */
    static final int MAX_CALLS = 1000;

    private final FstestBase test;
    private final Path file;
    private final int page = LibC.INSTANCE.getpagesize();

    private OpenFile fd;
    private OpenFile dfd;
    private Mapping map;

    MmapRwFault(FstestBase test, Path file) {
        this.test = test;
        this.file = file;
    }

    /** Rounds shared by 647 and 729. */
    void commonRounds() throws IOException {
        readIntoMapping("buffered read of page 1 into mapped page 0", false);
        readIntoMapping("direct read of page 1 into mapped page 0", true);
        writeFromMapping("buffered write from mapped page 1 to offset 0", false);
        writeFromMapping("direct write from mapped page 1 to offset 0", true);
        directReadOfHole();
    }

    private void readIntoMapping(String round, boolean direct) throws IOException {
        init(Pattern.of(0));
        try {
            Transfer t = (direct ? dfd : fd).pread(map.at(0), page, page);
            if (t.done() != page) {
                report(round, "pread returned " + t);
                return;
            }
            checkMapped(round, 0, DATA);
        } finally {
            done();
        }
    }

    private void writeFromMapping(String round, boolean direct) throws IOException {
        init(Pattern.of(0));
        try {
            if (write(round, direct ? dfd : fd, page, 0)) {
                fd.fsync();
                checkFile(round, 0, DATA);
            }
        } finally {
            done();
        }
    }

    /** A direct read of the hole (page 0) into mapped page 1: the mapping must come back zero-filled. */
    private void directReadOfHole() throws IOException {
        String round = "direct read of the hole into mapped page 1";
        init(Pattern.of(0));
        try {
            Transfer t = dfd.pread(map.at(page), page, 0);
            if (t.done() != page) {
                report(round, "pread returned " + t);
                return;
            }
            checkMapped(round, page, Pattern.of(0));
        } finally {
            done();
        }
    }

    /**
     * generic/729: a direct write of mapped page 0 onto file page 0 itself. Faulting the page in
     * and then writing with page faults disabled invalidates the very page the write reads from;
     * a filesystem that retries that forever never returns. The loop here is bounded; a kernel
     * that loops inside the call is caught by the runner's timeout.
     */
    void directWriteOntoItself() throws IOException {
        String round = "direct write of mapped page 0 onto itself";
        init(PAGE0);
        try {
            map.touch(0);
            if (write(round, dfd, 0, 0)) {
                fd.fsync();
                checkFile(round, 0, PAGE0);
            }
        } finally {
            done();
        }
    }

    /** Writes one page from the mapping at {@code mapOff} to file offset {@code fileOff}, over short writes. */
    private boolean write(String round, OpenFile f, long mapOff, long fileOff) {
        var w = rig.fstest.io.Io.pwriteAll(f, map.at(mapOff), page, fileOff, MAX_CALLS);
        test.full().println(round + ": " + w.xfsIoLine());
        if (!w.complete()) {
            report(round, w.errorLine());
            return false;
        }
        return true;
    }

    /** The file: page 0 a hole (or {@code page0} when not zero), page 1 {@link #DATA}; both fds; a private mapping. */
    private void init(Pattern page0) throws IOException {
        fd = OpenFile.open(file, LibC.O_RDWR | LibC.O_CREAT | LibC.O_TRUNC);
        dfd = OpenFile.open(file, LibC.O_RDWR | LibC.O_DIRECT);
        AlignedBuffer buf = AlignedBuffer.filled(page, DATA);
        requireWhole(fd.pwrite(buf.bytes(), page), "write page 1");
        if (page0.value() != 0) {
            requireWhole(fd.pwrite(AlignedBuffer.filled(page, page0).bytes(), 0), "write page 0");
        }
        fd.fsync();
        map = Mapping.map(fd, 2L * page, LibC.PROT_READ | LibC.PROT_WRITE, false);
    }

    private void done() throws IOException {
        try {
            fd.fsync();
            map.close();
        } finally {
            dfd.close();
            fd.close();
        }
    }

    private void checkMapped(String round, long offset, Pattern want) {
        byte[] got = map.get(offset, page);
        int bad = firstMismatch(got, want);
        if (bad >= 0) {
            report(round, String.format("mapped byte %d is 0x%02x, expected %s", offset + bad, got[bad] & 0xff, want));
        }
    }

    private void checkFile(String round, long offset, Pattern want) throws IOException {
        ByteBuffer got = AlignedBuffer.allocate(page).bytes();
        Transfer t = dfd.pread(got, offset);
        if (t.done() != page) {
            report(round, "reading the file back returned " + t);
            return;
        }
        int bad = want.firstMismatch(got);
        if (bad >= 0) {
            report(round, String.format("file byte %d is 0x%02x, expected %s", offset + bad, got.get(bad) & 0xff, want));
        }
    }

    private static int firstMismatch(byte[] data, Pattern want) {
        for (int i = 0; i < data.length; i++) {
            if (data[i] != want.value()) {
                return i;
            }
        }
        return -1;
    }

    private void requireWhole(Transfer t, String what) throws IOException {
        if (t.done() != page) {
            throw new IOException(what + " of " + file + " returned " + t);
        }
    }

    private void report(String round, String what) {
        test.echo(round + ": " + what);
    }

    void remove() throws IOException {
        Files.deleteIfExists(file);
    }
}
