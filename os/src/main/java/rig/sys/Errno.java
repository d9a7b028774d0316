package rig.sys;

import java.util.Map;

/** Symbolic names for the errno values the rig reports or injects. */
public final class Errno {
    public static final int EPERM = 1, ENOENT = 2, EINTR = 4, EIO = 5, ENXIO = 6, EBADF = 9,
            EAGAIN = 11, ENOMEM = 12, EACCES = 13, EFAULT = 14, EBUSY = 16, EEXIST = 17,
            ENODEV = 19, ENOTDIR = 20, EISDIR = 21, EINVAL = 22, ENOSPC = 28, EROFS = 30, ENOSYS = 38,
            ENODATA = 61, EOPNOTSUPP = 95, ETIMEDOUT = 110, EREMOTEIO = 121,
            ECONNABORTED = 103, ENOTCONN = 107;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(EPERM, "EPERM"), Map.entry(ENOENT, "ENOENT"), Map.entry(EINTR, "EINTR"),
            Map.entry(EIO, "EIO"), Map.entry(ENXIO, "ENXIO"), Map.entry(EBADF, "EBADF"),
            Map.entry(EAGAIN, "EAGAIN"), Map.entry(ENOMEM, "ENOMEM"), Map.entry(EACCES, "EACCES"),
            Map.entry(EFAULT, "EFAULT"), Map.entry(EBUSY, "EBUSY"), Map.entry(EEXIST, "EEXIST"),
            Map.entry(ENODEV, "ENODEV"), Map.entry(ENOTDIR, "ENOTDIR"), Map.entry(EISDIR, "EISDIR"), Map.entry(EINVAL, "EINVAL"),
            Map.entry(ENOSPC, "ENOSPC"), Map.entry(EROFS, "EROFS"), Map.entry(ENOSYS, "ENOSYS"),
            Map.entry(ENODATA, "ENODATA"), Map.entry(EOPNOTSUPP, "EOPNOTSUPP"),
            Map.entry(ETIMEDOUT, "ETIMEDOUT"), Map.entry(EREMOTEIO, "EREMOTEIO"),
            Map.entry(ECONNABORTED, "ECONNABORTED"), Map.entry(ENOTCONN, "ENOTCONN"));

    private Errno() {
    }

    public static String name(int errno) {
        return NAMES.getOrDefault(errno, "errno " + errno);
    }

    /** Parses "EIO", "eio" or "5"; -1 when the text names no errno the rig knows. */
    public static int parse(String text) {
        String t = text.trim().toUpperCase();
        for (var e : NAMES.entrySet()) {
            if (e.getValue().equals(t)) {
                return e.getKey();
            }
        }
        try {
            int n = Integer.parseInt(t);
            return n > 0 && n < 4096 ? n : -1;
        } catch (NumberFormatException nfe) {
            return -1;
        }
    }
}
