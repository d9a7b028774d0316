package rig.devices.fault;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.BitSet;
import rig.sys.LibC;

/**
 * The volatile write cache, kept as an undo log: before a sector is first overwritten after a
 * flush, its old content (the before-image) is copied to the same offset of an anonymous shadow
 * file (O_TMPFILE next to the backing file, so nothing is left behind when the process dies)
 * and its bit is set. Reads need nothing special: the backing file holds the newest data, as
 * a disk's cache would serve it. A flush clears the log; a power cut copies the before-images
 * back, losing exactly the writes since the last flush. FUA writes forget their sectors.
 */
final class UndoLog implements AutoCloseable {

    private static final int O_TMPFILE = 020000000 | 0200000;
    private static final int CHUNK = 1 << 20;

    private final Backing shadow;
    private final BitSet saved;
    private final ByteBuffer scratch = ByteBuffer.allocateDirect(CHUNK + 4096).alignedSlice(4096);

    private UndoLog(Backing shadow, long sectors) {
        this.shadow = shadow;
        this.saved = new BitSet((int) Math.min(Integer.MAX_VALUE, sectors));
    }

    static UndoLog open(Path backingFile, long size) throws IOException {
        if (size / 512 > Integer.MAX_VALUE) {
            throw new IOException("volatile-cache mode supports devices up to 1 TiB; " + backingFile
                    + " is " + size + " bytes (use a smaller device or cache writethrough)");
        }
        Path dir = backingFile.toAbsolutePath().getParent();
        int fd = LibC.INSTANCE.open(dir.toString(), O_TMPFILE | LibC.O_RDWR | LibC.O_CLOEXEC, 0600);
        if (fd < 0) {
            throw new IOException("cannot create the undo log of the volatile cache in " + dir + ": "
                    + LibC.describe(LibC.errno()) + " (the directory's file system must support O_TMPFILE)");
        }
        return new UndoLog(Backing.wrap(dir.resolve("(undo log)"), size, fd), size / 512);
    }

    /** Saves the before-images of the sectors of [offset, offset+length) not saved since the last flush. */
    synchronized int save(Backing data, long offset, long length) {
        long first = offset >>> 9, end = (offset + length + 511) >>> 9;
        for (int s = saved.nextClearBit((int) first); s < end; s = saved.nextClearBit(s)) {
            int runEnd = (int) Math.min(end, nextSetOrEnd(s, end));
            int e = copy(data, shadow, (long) s << 9, (long) (runEnd - s) << 9);
            if (e != 0) {
                return e;
            }
            saved.set(s, runEnd);
            s = runEnd;
        }
        return 0;
    }

    private long nextSetOrEnd(int from, long end) {
        int n = saved.nextSetBit(from);
        return n < 0 ? end : n;
    }

    /** The sectors' current content is durable: forget their before-images. */
    synchronized void forget(long offset, long length) {
        saved.clear((int) (offset >>> 9), (int) ((offset + length + 511) >>> 9));
    }

    /** A flush: everything written so far is durable. */
    synchronized void clear() {
        if (!saved.isEmpty()) {
            saved.clear();
            shadow.punch(0, shadow.size());
        }
    }

    /** Copies every before-image back into {@code data}; returns the number of sectors restored. */
    synchronized long restore(Backing data) throws IOException {
        long restored = 0;
        for (int s = saved.nextSetBit(0); s >= 0; s = saved.nextSetBit(s)) {
            int runEnd = saved.nextClearBit(s);
            int e = copy(shadow, data, (long) s << 9, (long) (runEnd - s) << 9);
            if (e != 0) {
                throw new IOException("power cut: cannot restore sectors " + s + "-" + runEnd + " of "
                        + data.path() + ": " + LibC.describe(e));
            }
            restored += runEnd - s;
            s = runEnd;
        }
        saved.clear();
        shadow.punch(0, shadow.size());
        return restored;
    }

    synchronized long savedSectors() {
        return saved.cardinality();
    }

    private int copy(Backing from, Backing to, long offset, long length) {
        for (long done = 0; done < length; ) {
            int n = (int) Math.min(CHUNK, length - done);
            scratch.clear().limit(n);
            int e = from.read(offset + done, scratch);
            if (e == 0) {
                e = to.write(offset + done, scratch);
            }
            if (e != 0) {
                return e;
            }
            done += n;
        }
        return 0;
    }

    @Override
    public void close() {
        shadow.close();
    }
}
