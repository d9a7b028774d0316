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

    /** sync, then echo 3 > /proc/sys/vm/drop_caches (page cache, dentries and inodes). */
    public static void dropCaches() throws IOException {
        sync();
        Files.writeString(Path.of("/proc/sys/vm/drop_caches"), "3");
    }
}
