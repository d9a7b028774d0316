package rig.fstest.fs;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import rig.check.api.NotRunException;
import rig.devices.fs.FsCommands;
import rig.devices.own.Claim;
import rig.devices.own.Mounts;
import rig.devices.own.Registry;
import rig.sys.Exec;
import rig.sys.LibC;
import rig.sys.Unmount;

/**
 * A filesystem a test works on: the SCRATCH (or TEST) device, its mount point and FSTYP, with
 * fstests' verbs: mkfs, mkfs sized, mount with MOUNT_OPTIONS, unmount, cycle mount, remount,
 * fsck. mkfs and fsck are the external programs (with timeouts); mount and umount are
 * mount(2) and umount2(2). What a command prints goes to the .full log.
 */
public final class Filesystem {
    private static final Duration MKFS_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration FSCK_TIMEOUT = Duration.ofMinutes(5);

    private final String role;
    private final String device;
    private final Path mnt;
    private final String fstyp;
    private final String mkfsOptions;
    private final MountOptions mountOptions;
    private final Map<String, String> env;
    private final PrintStream full;
    private Claim mountClaim;

    /**
     * {@code role} is "SCRATCH" or "TEST" (for messages); {@code env} is exported to mkfs and fsck
     * (fstests exports its config, which e.g. lets mkfs.xfs make filesystems under 300 MB).
     */
    public Filesystem(String role, String device, Path mnt, String fstyp, String mkfsOptions,
                      String mountOptions, Map<String, String> env, PrintStream full) {
        this(role, device, mnt, fstyp, mkfsOptions, MountOptions.parse(mountOptions), env, full);
    }

    private Filesystem(String role, String device, Path mnt, String fstyp, String mkfsOptions,
                       MountOptions mountOptions, Map<String, String> env, PrintStream full) {
        this.role = role;
        this.device = device;
        this.mnt = mnt;
        this.fstyp = fstyp;
        this.mkfsOptions = mkfsOptions;
        this.mountOptions = mountOptions;
        this.env = Map.copyOf(env);
        this.full = full;
    }

    /** The same filesystem reached through another device (fstests' $DMERROR_DEV on $SCRATCH_MNT). */
    public Filesystem on(String otherDevice) {
        if (otherDevice.equals(device)) {
            return this;
        }
        return new Filesystem(role, otherDevice, mnt, fstyp, mkfsOptions, mountOptions, env, full);
    }

    public String device() {
        return device;
    }

    public Path mnt() {
        return mnt;
    }

    public String fstyp() {
        return fstyp;
    }

    /** _scratch_mkfs: a new filesystem over the whole device, with MKFS_OPTIONS. */
    public void mkfs() throws IOException {
        runMkfs(FsCommands.mkfs(fstyp, device, FsCommands.words(mkfsOptions))).orThrow();
    }

    /**
     * _scratch_mkfs_sized: a filesystem of {@code bytes} (btrfs below 256 MiB is mixed), "not
     * run" when the device is smaller or mkfs refuses the size, with fstests' reasons.
     */
    public void mkfsSized(long bytes) throws IOException {
        mkfsSized(bytes, List.of());
    }

    /** _scratch_mkfs_sized with options after the size (e.g. {@code FsCommands.noDiscard(fstyp)}). */
    public void mkfsSized(long bytes, List<String> extraOptions) throws IOException {
        if (bytes > DeviceSize.of(device)) {
            throw new NotRunException(role.equals("SCRATCH") ? "Scratch device too small" : role + " device too small");
        }
        Exec.Result r = runMkfs(FsCommands.mkfsSized(fstyp, device, FsCommands.words(mkfsOptions), bytes, extraOptions));
        if (!r.ok()) {
            List<String> args = new java.util.ArrayList<>(List.of(Long.toString(bytes)));
            args.addAll(extraOptions);
            throw new NotRunException("_scratch_mkfs_sized failed with (" + String.join(" ", args) + ")");
        }
    }

    private Exec.Result runMkfs(List<String> cmd) throws IOException {
        requireUnmounted("mkfs");
        Exec.Result r = FsCommands.runMkfs(MKFS_TIMEOUT, env, cmd);
        full.println("# " + String.join(" ", cmd));
        full.print(r.output());
        return r;
    }

    /** _scratch_mount: mounts the device on its mount point with MOUNT_OPTIONS. */
    public void mount() throws IOException {
        mount(MountOptions.NONE);
    }

    /** _scratch_mount with extra options after MOUNT_OPTIONS ("-o ro"). */
    public void mount(String extra) throws IOException {
        mount(MountOptions.parse(extra));
    }

    private void mount(MountOptions extra) throws IOException {
        if (isMounted()) {
            throw new IOException(role + " " + device + " is already mounted on " + mnt + "; unmount it first");
        }
        Files.createDirectories(mnt);
        MountOptions o = mountOptions.plus(extra);
        full.println("# mount -t " + fstyp + " " + device + " " + mnt + optionText(o));
        Claim claim = Registry.open().claim(Claim.Kind.MOUNT, mnt.toString());
        if (LibC.INSTANCE.mount(device, mnt.toString(), fstyp, o.flags(), o.data().isEmpty() ? null : o.data()) < 0) {
            int err = LibC.errno();
            Registry.open().release(claim);
            throw new IOException("mount -t " + fstyp + " " + device + " " + mnt + optionText(o) + " failed: "
                    + LibC.describe(err) + " (see dmesg for the filesystem's reason)");
        }
        mountClaim = claim;
    }

    /** _scratch_unmount. A busy mount is retried briefly, then reported. */
    public void unmount() throws IOException {
        full.println("# umount " + mnt);
        int err = 0;
        for (int attempt = 0; attempt < 10; attempt++) {
            err = Unmount.now(mnt);
            if (err == 0) {
                releaseClaim();
                return;
            }
            if (err != rig.sys.Errno.EBUSY) {
                break;
            }
            sleep(100);
        }
        throw new IOException("umount " + mnt + " failed: " + LibC.describe(err)
                + (err == rig.sys.Errno.EBUSY ? " (a process still uses it; check with fuser -m " + mnt + ")" : ""));
    }

    /** Unmounts lazily when mounted (cleanup after a failed test); never throws. */
    public void unmountQuietly() {
        if (isMounted()) {
            try {
                unmount();
            } catch (IOException e) {
                full.println("# " + e.getMessage() + "; detaching lazily");
                Unmount.lazily(mnt);
                releaseClaim();
            }
        }
    }

    /** _scratch_cycle_mount: unmount and mount again (drops the filesystem's caches). */
    public void cycleMount() throws IOException {
        unmount();
        mount();
    }

    /** _scratch_remount opts: mount(2) with MS_REMOUNT, e.g. remount("-o ro"). */
    public void remount(String options) throws IOException {
        MountOptions o = mountOptions.plus(MountOptions.parse(options));
        full.println("# mount -o remount" + optionText(o) + " " + mnt);
        if (LibC.INSTANCE.mount(device, mnt.toString(), fstyp, o.flags() | MountOptions.MS_REMOUNT,
                o.data().isEmpty() ? null : o.data()) < 0) {
            throw new IOException("remount of " + mnt + optionText(o) + " failed: " + LibC.describe(LibC.errno()));
        }
    }

    public boolean isMounted() {
        return Mounts.at(mnt).isPresent();
    }

    /**
     * _check_scratch_fs: the read-only fsck of the unmounted device. Its output goes to the
     * .full log; the result says whether it found problems.
     */
    public Exec.Result fsck() throws IOException {
        requireUnmounted("fsck");
        List<String> cmd = FsCommands.fsck(fstyp, device).orElseThrow(() ->
                new IllegalArgumentException("no fsck known for FSTYP=" + fstyp));
        Exec.Result r = Exec.run(FSCK_TIMEOUT, null, env, cmd);
        full.println("# " + String.join(" ", cmd) + " (exit " + r.exitCode() + ")");
        full.print(r.output());
        return r;
    }

    /**
     * _repair_scratch_fs: the repairing check of the unmounted device, its output to the .full
     * log; true when the filesystem is good to go. fsck's "errors corrected" statuses (1, 2) count
     * as repaired; an xfs log that xfs_repair will not touch is replayed by a mount first, and
     * zapped when the mount fails, as fstests does.
     */
    public boolean repair() throws IOException {
        requireUnmounted("repair");
        Exec.Result r = runRepair(List.of());
        if (!r.ok() && fstyp.equals("xfs")) {
            full.println("xfs_repair returns " + r.exitCode() + "; replay log?");
            try {
                mount();
                unmount();
            } catch (IOException e) {
                full.println("mount returns 1; zap log?");
                full.println("log zap returns " + runRepair(List.of("-L")).exitCode());
            }
            r = runRepair(List.of());
        }
        boolean fsckStyle = FsCommands.repair(fstyp, device).orElseThrow().get(0).equals("fsck");
        return r.ok() || fsckStyle && (r.exitCode() == 1 || r.exitCode() == 2);
    }

    private Exec.Result runRepair(List<String> options) throws IOException {
        List<String> cmd = new java.util.ArrayList<>(FsCommands.repair(fstyp, device).orElseThrow(() ->
                new IllegalArgumentException("no repair known for FSTYP=" + fstyp)));
        cmd.addAll(cmd.size() - 1, options);
        Exec.Result r = Exec.run(FSCK_TIMEOUT, null, env, cmd);
        full.println("# " + String.join(" ", cmd) + " (exit " + r.exitCode() + ")");
        full.print(r.output());
        return r;
    }

    private void requireUnmounted(String what) throws IOException {
        if (!Mounts.withSource(device).isEmpty()) {
            throw new IOException("cannot " + what + " " + device + ": it is mounted on "
                    + Mounts.withSource(device).get(0).mountPoint() + "; unmount it first");
        }
    }

    private void releaseClaim() {
        if (mountClaim != null) {
            Registry.open().release(mountClaim);
            mountClaim = null;
        }
    }

    private static String optionText(MountOptions o) {
        String words = o.data();
        if ((o.flags() & MountOptions.MS_RDONLY) != 0) {
            words = words.isEmpty() ? "ro" : "ro," + words;
        }
        return words.isEmpty() ? "" : " -o " + words;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
