package rig.check.devices;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import rig.config.UserInputException;
import rig.devices.fs.FsCommands;
import rig.devices.own.Mounts;
import rig.sys.Exec;
import rig.sys.Unmount;

/** Small host operations of the runner: privilege, kernel identity, unmount. */
public final class HostOps {


    private HostOps() {
    }

    public static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0");
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** "6.1.0-18-amd64". */
    public static String kernelRelease() {
        return read("/proc/sys/kernel/osrelease");
    }

    /**
     * echo 1 &gt; /sys/kernel/debug/clear_warn_once, as fstests' check does before each test: a
     * WARN_ONCE an earlier test fired is printed again, so each test's kernel log shows its own.
     */
    public static void clearWarnOnce() {
        Path f = Path.of("/sys/kernel/debug/clear_warn_once");
        if (Files.exists(f)) {
            try {
                Files.writeString(f, "1\n");
            } catch (java.io.IOException e) {
                // fstests ignores this too (2>&1 > /dev/null): a kernel without it only prints fewer warnings
            }
        }
    }

    /** uname -m. */
    public static String arch() {
        return System.getProperty("os.arch").replace("amd64", "x86_64");
    }

    /** "Linux/x86_64 host 6.1.0-18-amd64 #1 SMP ...", fstests' PLATFORM. */
    public static String platform() {
        return "Linux/" + arch() + " " + hostname() + " "
                + kernelRelease() + " " + read("/proc/sys/kernel/version");
    }

    public static String hostname() {
        String h = read("/proc/sys/kernel/hostname");
        return h.isEmpty() ? "localhost" : h;
    }

    /** Unmounts {@code target} if something is mounted there; lazily (MNT_DETACH) when busy. */
    public static void unmount(Path target) {
        if (Mounts.at(Mounts.realPath(target)).isEmpty()) {
            return;
        }
        Unmount.orDetach(target);
    }

    /**
     * Lazily unmounts everything mounted on {@code target}: a hung test may have stacked mounts
     * there (each umount2 takes off only the top one). Stops after {@value #MAX_STACKED} or when
     * umount2 fails; the caller checks what is left.
     */
    public static void detach(Path target) {
        Path real = Mounts.realPath(target);
        for (int i = 0; i < MAX_STACKED && Mounts.at(real).isPresent(); i++) {
            if (Unmount.lazily(target) != 0) {
                return;
            }
        }
    }

    private static final int MAX_STACKED = 16;

    /** mkfs of {@code device} with MKFS_OPTIONS {@code options} (may be null), forced; an unsupported FSTYP is bad input. */
    static Exec.Result mkfs(String fstyp, String options, String device) throws IOException {
        try {
            return FsCommands.format(Duration.ofMinutes(2), fstyp, device, options);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
