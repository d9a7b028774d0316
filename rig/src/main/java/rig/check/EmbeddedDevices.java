package rig.check;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import rig.config.Section;
import rig.devices.loop.LoopDevice;
import rig.devices.own.Claim;
import rig.devices.own.Registry;
import rig.sys.Exec;

/**
 * The embedded default: TEST and SCRATCH devices the rig creates and owns. Each is a sparse
 * backing file on tmpfs (/dev/shm) under a loop device with direct I/O; TEST is formatted with
 * FSTYP and mounted on TEST_DIR, SCRATCH is left for the tests to format. Everything is claimed
 * in the {@link Registry} and removed by {@link #close()} (also from the runner's shutdown hook);
 * what a SIGKILL leaves is swept at the next start. The SCRATCH provisioning is
 * {@link #scratchDevice} only: the one place that switches to the Java device.
 */
final class EmbeddedDevices implements TestDevices {

    static final long TEST_SIZE = 4L << 30;
    static final long SCRATCH_SIZE = 8L << 30;
    private static final Path BACKING_DIR = Path.of("/dev/shm");

    private final Registry registry;
    private final Deque<Runnable> undo = new ArrayDeque<>();
    private final Map<String, String> facts = new LinkedHashMap<>();
    private Section section;

    private EmbeddedDevices(Registry registry) {
        this.registry = registry;
    }

    static EmbeddedDevices create(Section s, Registry registry) throws IOException {
        EmbeddedDevices d = new EmbeddedDevices(registry);
        try {
            d.build(s);
        } catch (IOException | RuntimeException e) {
            d.close();
            throw e;
        }
        return d;
    }

    private void build(Section s) throws IOException {
        String tag = "rig-" + ProcessHandle.current().pid();
        Path work = Files.createTempDirectory(tag + "-");
        own(Claim.Kind.DIRECTORY, work.toString(), () -> deleteQuietly(work));
        Path testDir = mkdir(work.resolve("test"));
        Path scratchMnt = mkdir(work.resolve("scratch"));

        String testDev = loopOver(backingFile(tag + "-test.img", TEST_SIZE));
        String fstyp = s.get("FSTYP", "btrfs");
        HostOps.mkfs(fstyp, null, testDev).orThrow();
        Claim mount = registry.claim(Claim.Kind.MOUNT, testDir.toString());
        Exec.run(Duration.ofSeconds(60), "mount", "-t", fstyp, testDev, testDir.toString()).orThrow();
        undo.push(() -> {
            HostOps.unmount(testDir);
            registry.release(mount);
        });
        String scratchDev = scratchDevice(tag);
        // formatted once so that a test that never touches SCRATCH leaves a filesystem the fsck checker accepts
        HostOps.mkfs(fstyp, s.get("MKFS_OPTIONS", null), scratchDev).orThrow();
        undo.push(() -> HostOps.unmount(scratchMnt));

        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("TEST_DEV", testDev);
        vars.put("TEST_DIR", testDir.toString());
        vars.put("SCRATCH_DEV", scratchDev);
        vars.put("SCRATCH_MNT", scratchMnt.toString());
        section = s.with(vars);
        facts.put("DEVICES", "embedded default: loop devices (direct I/O) over sparse files in " + BACKING_DIR);
        facts.put("TEST_DEV_SIZE", Long.toString(TEST_SIZE));
        facts.put("SCRATCH_DEV_SIZE", Long.toString(SCRATCH_SIZE));
    }

    /** The SCRATCH device. Today a loop device; the Java device takes its place here. */
    private String scratchDevice(String tag) throws IOException {
        return loopOver(backingFile(tag + "-scratch.img", SCRATCH_SIZE));
    }

    private Path backingFile(String name, long size) throws IOException {
        Path file = BACKING_DIR.resolve(name);
        own(Claim.Kind.BACKING_FILE, file.toString(), () -> deleteQuietly(file));
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
        }
        return file;
    }

    /** A loop device over {@code file}: 512-byte logical blocks, direct I/O on (no page cache under the filesystem). */
    private String loopOver(Path file) throws IOException {
        LoopDevice loop = LoopDevice.attach(registry, file, 512, true);
        undo.push(() -> {
            try {
                loop.close();
            } catch (IOException e) {
                System.err.println("rig: cannot detach " + loop + ": " + e.getMessage());
            }
        });
        return loop.path().toString();
    }

    private Path mkdir(Path dir) throws IOException {
        Files.createDirectories(dir);
        undo.push(() -> deleteQuietly(dir));
        return dir;
    }

    private void own(Claim.Kind kind, String resource, Runnable remove) {
        Claim c = registry.claim(kind, resource);
        undo.push(() -> {
            remove.run();
            registry.release(c);
        });
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            System.err.println("rig: cannot remove " + p + ": " + e.getMessage());
        }
    }

    @Override
    public Section section() {
        return section;
    }

    @Override
    public Map<String, String> facts() {
        return facts;
    }

    @Override
    public synchronized void close() {
        while (!undo.isEmpty()) {
            try {
                undo.pop().run();
            } catch (RuntimeException e) {
                System.err.println("rig: cleanup step failed: " + e.getMessage());
            }
        }
    }
}
