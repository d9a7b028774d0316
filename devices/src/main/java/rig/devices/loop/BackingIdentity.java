package rig.devices.loop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Which file backs a loop device, by inode and device number ("inode@device", as st_ino and
 * st_dev give them, and as LOOP_GET_STATUS64 reports lo_inode and lo_device). Unlike the path in
 * {@code /sys/block/loopN/loop/backing_file}, it means the same from every mount namespace: a
 * loop device attached inside a container whose file system is gone is still recognised.
 */
public final class BackingIdentity {

    private BackingIdentity() {
    }

    /** The identity of {@code file}. */
    public static String of(Path file) throws IOException {
        long ino = ((Number) Files.getAttribute(file, "unix:ino", LinkOption.NOFOLLOW_LINKS)).longValue();
        long dev = ((Number) Files.getAttribute(file, "unix:dev", LinkOption.NOFOLLOW_LINKS)).longValue();
        return format(ino, dev);
    }

    static String format(long inode, long device) {
        return Long.toUnsignedString(inode) + "@" + Long.toUnsignedString(device);
    }
}
