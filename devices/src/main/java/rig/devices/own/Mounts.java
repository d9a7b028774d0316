package rig.devices.own;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The mount table as /proc/self/mountinfo lists it. Reading it never touches the mounted
 * filesystems themselves, so it is safe from a FUSE server and on a hung FUSE mount.
 */
public final class Mounts {

    /** One line of mountinfo: the device numbers, where it is mounted, its type and source. */
    public record Mount(int major, int minor, Path mountPoint, String fsType, String source) {
    }

    private Mounts() {
    }

    public static List<Mount> list() {
        try {
            return parse(Files.readAllLines(Path.of("/proc/self/mountinfo")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/self/mountinfo", e);
        }
    }

    /**
     * The mount table of process {@code pid}'s mount namespace, as that process sees it (a
     * container's); empty when the process is gone.
     */
    public static List<Mount> of(long pid) {
        try {
            return parse(Files.readAllLines(Path.of("/proc", Long.toString(pid), "mountinfo")));
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }

    /** The last (topmost) mount at {@code mountPoint}, if anything is mounted there. */
    public static Optional<Mount> at(Path mountPoint) {
        Path want = mountPoint.toAbsolutePath().normalize();
        Mount found = null;
        for (Mount m : list()) {
            if (m.mountPoint().equals(want)) {
                found = m;
            }
        }
        return Optional.ofNullable(found);
    }

    /** Mounts strictly below {@code dir} or at it. */
    public static List<Mount> under(Path dir) {
        Path want = dir.toAbsolutePath().normalize();
        return list().stream().filter(m -> m.mountPoint().startsWith(want)).toList();
    }

    /** Mounts whose source is exactly {@code source}, as mount(2) was given it ("/dev/loop3", "rig-java-x"). */
    public static List<Mount> withSource(String source) {
        return list().stream().filter(m -> m.source().equals(source)).toList();
    }

    /**
     * Mounts of the block device {@code device}: by its device number, or by the real path of a
     * mount's source (btrfs shows an anonymous device number, so the source is compared too).
     */
    public static List<Mount> ofDevice(String device) {
        String real = realPath(device);
        long[] majMin = majMin(device);
        return list().stream()
                .filter(m -> (majMin != null && m.major() == majMin[0] && m.minor() == majMin[1])
                        || (m.source().startsWith("/") && realPath(m.source()).equals(real)))
                .toList();
    }

    /** Whether the block device {@code device} is mounted at {@code mountPoint} (symlinks resolved). */
    public static boolean isMountedAt(String device, Path mountPoint) {
        Path want = realPath(mountPoint);
        return ofDevice(device).stream().anyMatch(m -> m.mountPoint().equals(want));
    }

    /** {@code p} with symlinks resolved; absolute and normalized as given when it cannot be resolved. */
    public static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    private static String realPath(String p) {
        return realPath(Path.of(p)).toString();
    }

    /** {7, 3} for /dev/loop3; null when {@code device} is not a device node. */
    private static long[] majMin(String device) {
        try {
            long rdev = ((Number) Files.getAttribute(Path.of(device), "unix:rdev")).longValue();
            if (rdev == 0) {
                return null;
            }
            return new long[] {((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL), (rdev & 0xff) | ((rdev >>> 12) & ~0xffL)};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static List<Mount> parse(List<String> lines) {
        List<Mount> mounts = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split(" ");
            int dash = indexOf(f, "-");
            if (f.length < 7 || dash < 6 || dash + 2 >= f.length) {
                continue;
            }
            String[] dev = f[2].split(":");
            mounts.add(new Mount(Integer.parseInt(dev[0]), Integer.parseInt(dev[1]),
                    Path.of(unescape(f[4])), f[dash + 1], unescape(f[dash + 2])));
        }
        return mounts;
    }

    private static int indexOf(String[] f, String s) {
        for (int i = 6; i < f.length; i++) {
            if (f[i].equals(s)) {
                return i;
            }
        }
        return -1;
    }

    /** mountinfo writes space, tab, newline and backslash as \ooo octal escapes. */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 4 <= s.length() && s.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** "/dev/loop3" (or a symlink to it, /dev/mapper/x) -> "loop3": the kernel's name, as /sys/class/block lists it. */
    public static String kernelName(String dev) {
        try {
            return Path.of(dev).toRealPath().getFileName().toString();
        } catch (IOException e) {
            Path p = Path.of(dev).getFileName();
            return p == null ? dev : p.toString();
        }
    }
}
