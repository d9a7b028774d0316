package rig.fstest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import rig.sys.LibC;

/** Whole-system operations tests call: sync(2) and dropping the page cache. */
public final class SystemOps {
    private SystemOps() {
    }

    public static void sync() {
        LibC.INSTANCE.sync();
    }

    /** xfs_io -rxc syncfs DIR: flushes the filesystem holding {@code dir}; sync(2) when {@code dir} does not exist. */
    public static void syncFs(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            sync();
            return;
        }
        try (rig.fstest.io.OpenFile f = rig.fstest.io.OpenFile.open(dir, LibC.O_RDONLY)) {
            if (LibC.INSTANCE.syncfs(f.fd()) < 0) {
                throw new IOException("syncfs " + dir + ": " + LibC.describe(LibC.errno()));
            }
        }
    }

    /** sync, then echo 3 > /proc/sys/vm/drop_caches (page cache, dentries and inodes). */
    public static void dropCaches() throws IOException {
        sync();
        rig.sys.PageCache.drop();
    }
}
