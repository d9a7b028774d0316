package rig.fstest.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The size in bytes of a block device (from sysfs) or of a regular file. */
public final class DeviceSize {
    private DeviceSize() {
    }

    public static long of(String device) throws IOException {
        Path p = Path.of(device).toRealPath();
        if (Files.isRegularFile(p)) {
            return Files.size(p);
        }
        Path sectors = Path.of("/sys/class/block", p.getFileName().toString(), "size");
        if (!Files.exists(sectors)) {
            throw new IOException("cannot tell the size of " + device + ": " + sectors + " is missing");
        }
        return Long.parseLong(Files.readString(sectors).trim()) * 512;
    }
}
