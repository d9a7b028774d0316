package rig.sys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The kernel's caches of file data and metadata, host-wide. */
public final class PageCache {
    private PageCache() {
    }

    /**
     * echo 3 &gt; /proc/sys/vm/drop_caches: clean page cache, dentries and inodes go, so that the next
     * read comes from the device (dirty pages stay: sync first when they must go too).
     */
    public static void drop() throws IOException {
        Files.writeString(Path.of("/proc/sys/vm/drop_caches"), "3\n");
    }
}
