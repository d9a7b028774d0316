package rig.sys;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/** A sparse file of a given size (the backing of a loop or Java device): no block is allocated until written. */
public final class SparseFile {
    private SparseFile() {
    }

    /** Creates {@code file} (or resizes it) to {@code size} bytes without writing any. */
    public static Path create(Path file, long size) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
        }
        return file;
    }
}
