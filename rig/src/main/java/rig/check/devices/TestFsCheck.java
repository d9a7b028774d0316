package rig.check.devices;

import rig.config.Setting;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import rig.config.Section;
import rig.devices.own.Mounts;
import rig.sys.Exec;
import rig.sys.LibC;

/**
 * fsck of TEST_DEV as fstests does it: TEST_DEV stays mounted on TEST_DIR between tests, so after
 * each test the runner unmounts it, the fsck checker checks it (it skips mounted devices) and
 * the runner mounts it again. Measured here: unmount + btrfs check + mount of the embedded 4 GiB
 * TEST filesystem takes about 0.7 s (the unmount's commit is most of it), the price of naming the
 * test that corrupted TEST. RIG_FSCK_TEST=end checks it once, after the section's last test
 * ({@link #atEnd}); RIG_FSCK=no turns both off. A busy TEST_DIR (a killed test's process still
 * inside) is not unmounted: the check is skipped with a note.
 */
public final class TestFsCheck {

    private static final Duration MOUNT_TIMEOUT = Duration.ofSeconds(60);

    private TestFsCheck() {
    }

    /** After a test: unmounts TEST_DIR when this run checks TEST_DEV after each test; returns whether it did. */
    public static boolean unmountAfterTest(Section s, boolean checkersEnabled, List<String> notes) {
        if (!checkersEnabled || !enabled(s) || Setting.RIG_FSCK_TEST.in(s.vars()).equals("end")) {
            return false;
        }
        return unmount(s, notes);
    }

    /** Mounts TEST_DEV on TEST_DIR again; a failure is a finding (the following tests would lose TEST_DIR). */
    public static Optional<String> remount(Section s) {
        String dev = s.get("TEST_DEV", "");
        String dir = s.get("TEST_DIR", "");
        List<String> cmd = new ArrayList<>(List.of("mount", "-t", s.fstyp()));
        Optional<String> opts = s.get("TEST_FS_MOUNT_OPTS");
        if (opts.isEmpty() && !s.rigOwnedDevices()) {
            opts = s.get("MOUNT_OPTIONS"); // as ConfiguredDevices mounted it
        }
        opts.filter(o -> !o.isBlank()).ifPresent(o -> cmd.addAll(List.of(o.trim().split("\\s+"))));
        cmd.addAll(List.of(dev, dir));
        try {
            Exec.Result r = Exec.run(MOUNT_TIMEOUT, cmd);
            return r.ok() ? Optional.empty() : Optional.of("fsck: cannot mount TEST_DEV " + dev + " on " + dir
                    + " again after checking it: " + r.output().strip());
        } catch (IOException e) {
            return Optional.of("fsck: cannot mount TEST_DEV " + dev + " on " + dir + " again: " + e.getMessage());
        }
    }

    /** RIG_FSCK_TEST=end: unmount, check, mount again, once after the section's tests; the finding if any. */
    public static Optional<String> atEnd(Section s, boolean checkersEnabled, List<String> notes) throws IOException {
        if (!checkersEnabled || !enabled(s) || !Setting.RIG_FSCK_TEST.in(s.vars()).equals("end")
                || !unmount(s, notes)) {
            return Optional.empty();
        }
        Duration timeout = Duration.ofSeconds(Setting.RIG_FSCK_TIMEOUT.number(s.vars()));
        rig.checkers.fsck.Fsck.Result r = rig.checkers.fsck.Fsck.check(s.get("TEST_DEV", ""), s.fstyp(), timeout);
        notes.add("TEST_DEV: " + r.summary());
        Optional<String> remount = remount(s);
        if (!r.ok()) {
            return Optional.of("fsck of TEST_DEV at the end of the run " + r.summary() + ":\n" + r.output());
        }
        return remount;
    }

    private static boolean enabled(Section s) {
        return Setting.RIG_FSCK.on(s.vars());
    }

    private static boolean unmount(Section s, List<String> notes) {
        String dev = s.get("TEST_DEV", "");
        String dir = s.get("TEST_DIR", "");
        if (dev.isEmpty() || dir.isEmpty() || !Mounts.isMountedAt(dev, Path.of(dir))) {
            return false;
        }
        int errno = rig.sys.Unmount.now(Path.of(dir));
        if (errno != 0) {
            notes.add("TEST_DIR " + dir + " is busy (" + LibC.describe(errno) + "): TEST_DEV not checked after this test");
            return false;
        }
        if (!heldExclusively(dev)) {
            return true;
        }
        notes.add("TEST_DEV " + dev + " is still in use after unmounting TEST_DIR" + holders(dev)
                + ": not checked after this test");
        remount(s).ifPresent(notes::add);
        return false;
    }

    /** Whether the kernel still holds {@code dev} (an O_EXCL open fails), after a short wait for the release. */
    private static boolean heldExclusively(String dev) {
        for (int i = 0; i < 10; i++) {
            int fd = LibC.INSTANCE.open(dev, LibC.O_RDONLY | LibC.O_EXCL, 0);
            if (fd >= 0) {
                LibC.INSTANCE.close(fd);
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        }
        return true;
    }

    /** " (mounted in the mount namespace of PID 123 unshare, ...)": processes whose namespace still mounts it. */
    static String holders(String dev) {
        String self = namespace(ProcessHandle.current().pid());
        List<String> who = new ArrayList<>();
        try (var procs = java.nio.file.Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String pid = p.getFileName().toString();
                if (!pid.chars().allMatch(Character::isDigit) || namespace(Long.parseLong(pid)).equals(self)) {
                    continue;
                }
                try {
                    if (java.nio.file.Files.readString(p.resolve("mountinfo")).contains(" " + dev + " ")) {
                        who.add("PID " + pid + " " + java.nio.file.Files.readString(p.resolve("comm")).strip());
                    }
                } catch (IOException gone) {
                    // the process ended meanwhile
                }
                if (who.size() >= 5) {
                    break;
                }
            }
        } catch (IOException e) {
            return "";
        }
        return who.isEmpty() ? "" : " (still mounted in the mount namespace of " + String.join(", ", who) + ")";
    }

    private static String namespace(long pid) {
        try {
            return java.nio.file.Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "ns", "mnt")).toString();
        } catch (IOException e) {
            return "";
        }
    }
}
