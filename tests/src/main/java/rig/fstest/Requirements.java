package rig.fstest;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import rig.check.api.NotRunException;
import rig.devices.own.Mounts;
import rig.fstest.fs.Filesystem;
import rig.fstest.io.ErrnoException;
import rig.fstest.io.Io;
import rig.fstest.io.OpenFile;
import rig.fstest.io.Pattern;
import rig.fstest.io.Reflink;
import rig.sys.Errno;
import rig.sys.Exec;
import rig.sys.LibC;

/**
 * fstests' _require_* helpers: each either returns or throws NotRunException with fstests'
 * reason. Feature probes that need a filesystem make one on the scratch device, try the
 * feature there and unmount it, as _require_scratch_reflink does.
 */
final class Requirements {
    private final Config cfg;
    private final PrintStream full;
    private Filesystem scratch;
    private Filesystem testFs;
    private boolean testMountedHere;

    Requirements(Config cfg, PrintStream full) {
        this.cfg = cfg;
        this.full = full;
    }

    Filesystem scratch() {
        if (scratch == null) {
            throw new IllegalStateException("the test uses the scratch filesystem without requireScratch()");
        }
        return scratch;
    }

    Filesystem testFs() {
        if (testFs == null) {
            throw new IllegalStateException("the test uses the test filesystem without requireTest()");
        }
        return testFs;
    }

    void scratchRequired() throws IOException {
        if (scratch != null) {
            return;
        }
        String dev = cfg.scratchDev().orElseThrow(() -> new NotRunException("this test requires a valid $SCRATCH_DEV"));
        Path mnt = cfg.scratchMnt().orElseThrow(() -> new NotRunException("this test requires a valid $SCRATCH_MNT"));
        requireDevice("SCRATCH_DEV", dev);
        command("mkfs." + cfg.fstyp());
        Filesystem fs = newFs("SCRATCH", dev, mnt);
        for (Mounts.Mount m : Mounts.withSource(dev)) {
            if (!m.mountPoint().equals(mnt.toAbsolutePath().normalize())) {
                throw new NotRunException("SCRATCH_DEV=" + dev + " is mounted on " + m.mountPoint()
                        + ", not on SCRATCH_MNT=" + mnt);
            }
        }
        fs.unmountQuietly();
        resetFaults();
        scratch = fs;
    }

    /**
     * A test starts on a healthy device: a table an earlier test left (one that timed out with
     * the error table loaded) is replaced by the working table, as fstests starts without dm.
     */
    private void resetFaults() throws IOException {
        Path socket = rig.fstest.dm.FaultDevices.controlSocket(cfg);
        if (socket != null && Files.exists(socket)) {
            try (var dev = rig.devices.java.JavaDevice.connect(socket)) {
                String before = dev.control().table();
                dev.control().loadTable("");
                if (!before.equals(dev.control().table())) {
                    full.println("scratch device had a fault table left from before; loaded the working table:\n" + before);
                }
            }
        }
    }

    void testRequired() throws IOException {
        if (testFs != null) {
            return;
        }
        String dev = cfg.testDev().orElseThrow(() -> new NotRunException("this test requires a valid $TEST_DEV"));
        Path dir = cfg.testDir().orElseThrow(() -> new NotRunException("this test requires a valid $TEST_DIR"));
        requireDevice("TEST_DEV", dev);
        Filesystem fs = newFs("TEST", dev, dir);
        var at = Mounts.at(dir);
        if (at.isPresent() && !at.get().source().equals(dev)) {
            throw new NotRunException("TEST_DIR=" + dir + " has " + at.get().source() + " mounted, not TEST_DEV=" + dev);
        }
        if (at.isEmpty()) {
            if (!Mounts.withSource(dev).isEmpty()) {
                throw new NotRunException("TEST_DEV=" + dev + " is mounted on " + Mounts.withSource(dev).get(0).mountPoint()
                        + ", not on TEST_DIR=" + dir);
            }
            mountTestFs(fs);
        }
        testFs = fs;
    }

    /** Mounts TEST_DEV, making its filesystem first when it has none of FSTYP (fstests' check does). */
    private void mountTestFs(Filesystem fs) throws IOException {
        try {
            fs.mount();
        } catch (IOException e) {
            full.println("TEST_DEV has no mountable " + cfg.fstyp() + " filesystem (" + e.getMessage() + "); making one");
            fs.mkfs();
            fs.mount();
        }
        testMountedHere = true;
    }

    void odirect() throws IOException {
        if (cfg.fstyp().equals("ext4") && cfg.mountOptions().contains("data=journal")) {
            throw new NotRunException("ext4 data journaling doesn't support O_DIRECT");
        }
        if (cfg.testDev().isPresent()) {
            testRequired();
            probeOdirect(testFs.mnt());
        } else {
            scratchRequired();
            onFreshScratch(this::probeOdirect);
        }
    }

    private void probeOdirect(Path dir) throws IOException {
        Path probe = dir.resolve(".rig-odirect-" + ProcessHandle.current().pid());
        try (OpenFile f = OpenFile.open(probe, LibC.O_RDWR | LibC.O_CREAT | LibC.O_DIRECT)) {
            full.println("O_DIRECT open works on " + dir);
        } catch (IOException e) {
            if (ErrnoException.of(e) == Errno.EINVAL) {
                throw new NotRunException("O_DIRECT is not supported");
            }
            throw e;
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    /** _require_cp_reflink: cp knows --reflink. */
    void cpReflink() throws IOException {
        Exec.Result r = Exec.run(java.time.Duration.ofSeconds(10), null, java.util.Map.of(), List.of("cp", "--help"));
        if (!r.output().contains("reflink")) {
            throw new NotRunException("This test requires a cp with --reflink support.");
        }
    }

    void command(String program) {
        if (!Exec.onPath(program)) {
            throw new NotRunException(program + " not found");
        }
    }

    void reflink() throws IOException {
        scratchRequired();
        onFreshScratch(dir -> {
            Path a = dir.resolve("reflink-probe-a");
            Io.pwrite(a, LibC.O_CREAT, Pattern.of(0x61), 0, 65536, 65536);
            try {
                Reflink.copy(a, dir.resolve("reflink-probe-b"));
            } catch (IOException e) {
                int err = ErrnoException.of(e);
                if (List.of(Errno.EOPNOTSUPP, Errno.EINVAL, 25 /* ENOTTY */, 18 /* EXDEV */).contains(err)) {
                    throw new NotRunException("Reflink not supported by scratch filesystem type: " + cfg.fstyp());
                }
                throw e;
            }
        });
    }

    /** _require_xfs_io_command falloc: probed on TEST_DIR (as fstests does), else on a fresh scratch fs. */
    void falloc() throws IOException {
        Probe probe = dir -> {
            Path f = dir.resolve(".rig-falloc-" + ProcessHandle.current().pid());
            try {
                Io.falloc(f, 0, 1 << 20);
            } catch (IOException e) {
                if (ErrnoException.of(e) == Errno.EOPNOTSUPP) {
                    throw new NotRunException("xfs_io falloc  failed (old kernel/wrong fs?)");
                }
                throw e;
            } finally {
                Files.deleteIfExists(f);
            }
        };
        if (cfg.testDev().isPresent()) {
            testRequired();
            probe.run(testFs.mnt());
        } else {
            scratchRequired();
            onFreshScratch(probe);
        }
    }

    /** _require_fs_space: df -kP's Available against {@code kib}, fstests' reason in whole GB. */
    static void fsSpace(Path mnt, long kib) throws IOException {
        long available = Files.getFileStore(mnt).getUsableSpace() / 1024;
        if (available < kib) {
            throw new NotRunException("This test requires at least " + (kib / 1024 / 1024) + "GB free on " + mnt + " to run");
        }
    }

    void dmTarget(String target) {
        String why = rig.fstest.dm.FaultDevices.unavailable(cfg, target);
        if (why != null) {
            throw new NotRunException(why);
        }
    }

    /** Unmounts what a test left mounted: the scratch filesystem, and TEST_DEV if mounted here. */
    void unmountLeftovers() {
        if (scratch != null) {
            scratch.unmountQuietly();
        }
        if (testFs != null && testMountedHere) {
            testFs.unmountQuietly();
        }
    }

    private interface Probe {
        void run(Path dir) throws IOException;
    }

    private void onFreshScratch(Probe probe) throws IOException {
        scratch.mkfs();
        scratch.mount();
        try {
            probe.run(scratch.mnt());
        } finally {
            scratch.unmount();
        }
    }

    private Filesystem newFs(String role, String dev, Path mnt) {
        return new Filesystem(role, dev, mnt, cfg.fstyp(), cfg.mkfsOptions(), cfg.mountOptions(), toolEnv(), full);
    }

    /** The environment of mkfs and fsck: the config, exported as fstests' common/config does. */
    private java.util.Map<String, String> toolEnv() {
        java.util.Map<String, String> env = new java.util.HashMap<>(cfg.all());
        env.putIfAbsent("QA_CHECK_FS", "true");
        return env;
    }

    private static void requireDevice(String name, String dev) {
        Path p = Path.of(dev);
        if (!Files.exists(p)) {
            throw new NotRunException(name + "=" + dev + " does not exist");
        }
    }
}
