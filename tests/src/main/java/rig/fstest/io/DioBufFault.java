package rig.fstest.io;

import java.io.IOException;
import java.nio.file.Path;
import rig.sys.LibC;

/**
 * The copy of generic/708 (fstests' dio-buf-fault helper, written anew): map the source file,
 * touch its first page, and direct-write the whole mapping into the destination, continuing
 * after short writes. Only the first page is in the page tables when the write starts, so the
 * kernel faults on the rest of the buffer in the middle of the write: the partial direct write.
 */
public final class DioBufFault {
    /** More calls than a 2 MiB copy can need even one page at a time; beyond this it made no progress. */
    public static final int MAX_CALLS = 4096;

    private DioBufFault() {
    }

    public static WriteSummary copy(Path src, Path dst, long size) throws IOException {
        return copy(src, dst, size, WriteListener.NONE);
    }

    /** As above, telling {@code listener} of each write call. */
    public static WriteSummary copy(Path src, Path dst, long size, WriteListener listener) throws IOException {
        try (OpenFile in = OpenFile.open(src, LibC.O_RDONLY);
             OpenFile out = OpenFile.open(dst, LibC.O_WRONLY | LibC.O_CREAT | LibC.O_TRUNC | LibC.O_DIRECT);
             Mapping map = Mapping.map(in, size, LibC.PROT_READ, true)) {
            map.touch(0);
            return Io.pwriteAll(out, map.at(0), size, 0, MAX_CALLS, listener);
        }
    }
}
