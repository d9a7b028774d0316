package rig.checkers.fsck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Whether a block device is mounted, from /proc/self/mountinfo (by source path or device number). */
final class Mounts {

    private Mounts() {
    }

    static Optional<String> mountPoint(String device) throws IOException {
        String real = realPath(device);
        String majMin = majMin(device);
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String[] f = line.split(" ");
            int dash = line.indexOf(" - ");
            if (f.length < 5 || dash < 0) {
                continue;
            }
            String[] tail = line.substring(dash + 3).split(" ");
            String source = tail.length > 1 ? tail[1] : "";
            if (f[2].equals(majMin) || (source.startsWith("/") && realPath(source).equals(real))) {
                return Optional.of(f[4].replace("\\040", " "));
            }
        }
        return Optional.empty();
    }

    private static String realPath(String p) {
        try {
            return Path.of(p).toRealPath().toString();
        } catch (IOException e) {
            return p;
        }
    }

    /** "7:3" for /dev/loop3, or "" when it is not a device. */
    private static String majMin(String device) {
        try {
            long rdev = ((Number) Files.getAttribute(Path.of(device), "unix:rdev")).longValue();
            if (rdev == 0) {
                return "";
            }
            long major = ((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL);
            long minor = (rdev & 0xff) | ((rdev >>> 12) & ~0xffL);
            return major + ":" + minor;
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
