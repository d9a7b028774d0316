package rig.fstest.io;

import java.io.IOException;
import jnr.ffi.Pointer;
import rig.sys.LibC;

/**
 * A memory mapping of a file (mmap(2)), shared or private. Its address is a buffer for direct
 * I/O: passing {@link #at(long)} to {@link OpenFile#pwrite(Pointer, long, long)} makes the
 * kernel fault the mapped pages in during the write, a partial direct write
 * (what btrfs' "fix corruption caused by partial dio writes" is about).
 */
public final class Mapping implements AutoCloseable {
    private static final LibC C = LibC.INSTANCE;

    private final Pointer addr;
    private final long length;
    private boolean unmapped;

    private Mapping(Pointer addr, long length) {
        this.addr = addr;
        this.length = length;
    }

    /** Maps {@code length} bytes of {@code file} from offset 0; {@code prot} LibC.PROT_*, shared or private. */
    public static Mapping map(OpenFile file, long length, int prot, boolean shared) throws IOException {
        Pointer p = C.mmap(null, length, prot, shared ? LibC.MAP_SHARED : LibC.MAP_PRIVATE, file.fd(), 0);
        if (p == null || p.address() == -1L) {
            int err = LibC.errno();
            throw new IOException("mmap of " + length + " bytes of " + file.path() + " ("
                    + (shared ? "shared" : "private") + ") failed: " + LibC.describe(err), new ErrnoException(err));
        }
        return new Mapping(p, length);
    }

    public long length() {
        return length;
    }

    /** The mapped address plus {@code offset}, to pass as an I/O buffer. */
    public Pointer at(long offset) {
        if (offset < 0 || offset > length) {
            throw new IndexOutOfBoundsException("offset " + offset + " outside the " + length + "-byte mapping");
        }
        return addr.slice(offset, length - offset);
    }

    /** Reads one byte of the mapping: faults the page in (a read fault). */
    public byte touch(long offset) {
        return at(offset).getByte(0);
    }

    public void put(long offset, byte[] data) {
        at(offset).put(0, data, 0, data.length);
    }

    public byte[] get(long offset, int count) {
        byte[] out = new byte[count];
        at(offset).get(0, out, 0, count);
        return out;
    }

    public void msync() throws IOException {
        if (C.msync(addr, length, LibC.MS_SYNC) < 0) {
            throw new IOException("msync failed: " + LibC.describe(LibC.errno()));
        }
    }

    @Override
    public void close() throws IOException {
        if (!unmapped) {
            unmapped = true;
            if (C.munmap(addr, length) < 0) {
                throw new IOException("munmap failed: " + LibC.describe(LibC.errno()));
            }
        }
    }
}
