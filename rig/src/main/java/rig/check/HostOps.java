package rig.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import rig.sys.Exec;
import rig.sys.LibC;

/** Small host operations of the runner: privilege, kernel identity, unmount. */
final class HostOps {

    private static final int MNT_DETACH = 2;

    private HostOps() {
    }

    static boolean isRoot() {
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
    static String kernelRelease() {
        return read("/proc/sys/kernel/osrelease");
    }

    /** "Linux/x86_64 host 6.1.0-18-amd64 #1 SMP ...", fstests' PLATFORM. */
    static String platform() {
        return "Linux/" + System.getProperty("os.arch").replace("amd64", "x86_64") + " " + hostname() + " "
                + kernelRelease() + " " + read("/proc/sys/kernel/version");
    }

    static String hostname() {
        String h = read("/proc/sys/kernel/hostname");
        return h.isEmpty() ? "localhost" : h;
    }

    /** Unmounts {@code target} if something is mounted there; lazily (MNT_DETACH) when busy. */
    static void unmount(Path target) {
        if (Mounts.at(target).isEmpty()) {
            return;
        }
        if (LibC.INSTANCE.umount2(target.toString(), 0) != 0) {
            LibC.INSTANCE.umount2(target.toString(), MNT_DETACH);
        }
    }

    /** Unmounts lazily: for a mount whose filesystem may hang (after a timed-out test). */
    static void detach(Path target) {
        if (Mounts.at(target).isPresent()) {
            LibC.INSTANCE.umount2(target.toString(), MNT_DETACH);
        }
    }

    static Exec.Result mkfs(String fstyp, String options, String device) throws IOException {
        java.util.List<String> cmd = new java.util.ArrayList<>();
        cmd.add("mkfs." + fstyp);
        cmd.add(switch (fstyp) {
            case "ext2", "ext3", "ext4" -> "-F";
            default -> "-f";
        });
        if (options != null && !options.isBlank()) {
            cmd.addAll(java.util.List.of(options.strip().split("\\s+")));
        }
        cmd.add(device);
        Exec.Result r = Exec.run(Duration.ofMinutes(2), cmd);
        // mkfs.btrfs stats every mount to see whether the device is in use: a FUSE mount another
        // process just aborted (ENOTCONN until it is unmounted) makes it fail; that passes
        for (int retry = 0; retry < 5 && !r.ok() && r.output().contains("Transport endpoint is not connected"); retry++) {
            sleep(300);
            r = Exec.run(Duration.ofMinutes(2), cmd);
        }
        return r;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
