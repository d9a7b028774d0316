package rig.check.devices;

import rig.sys.SparseFile;
import rig.sys.Trace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.io.UncheckedIOException;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
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
 * what a SIGKILL leaves is swept at the next start. SCRATCH is made by {@link ScratchDevice}
 * (in parallel with TEST), the one place that decides what kind of device it is.
 */
final class EmbeddedDevices implements TestDevices {

    static final long TEST_SIZE = 4L << 30;
    static final long SCRATCH_SIZE = 8L << 30;
    private static final Path BACKING_DIR = Path.of("/dev/shm");
    private static final String HINT = " (RIG_SCRATCH_BACKEND=loop makes SCRATCH a plain loop device)";

    private final Registry registry;
    private final Deque<Runnable> undo = new LinkedBlockingDeque<>();
    private final Map<String, String> facts = new LinkedHashMap<>();
    private Section section;
    private ScratchDevice scratch;
    private boolean scratchBroken;
    private String tag;
    private int lane;
    private Path scratchMnt;

    private EmbeddedDevices(Registry registry) {
        this.registry = registry;
    }

    /** {@code lane}: 0, or the -j lane whose devices these are (their names carry it). */
    static EmbeddedDevices create(Section s, Registry registry, int lane) throws IOException {
        EmbeddedDevices d = new EmbeddedDevices(registry);
        try {
            d.build(s, lane);
        } catch (IOException | RuntimeException e) {
            d.close();
            throw e;
        }
        return d;
    }

    private void build(Section s, int lane) throws IOException {
        String tag = ScratchDevice.tag(lane);
        this.lane = lane;
        Path work = Files.createTempDirectory(tag + "-");
        own(Claim.Kind.DIRECTORY, work.toString(), () -> deleteQuietly(work));
        Path testDir = mkdir(work.resolve("test"));
        Path scratchMnt = mkdir(work.resolve("scratch"));
        CompletableFuture<ScratchDevice> scratchFuture = CompletableFuture.supplyAsync(() -> {
            try {
                return ScratchDevice.create(registry, tag, SCRATCH_SIZE, BACKING_DIR);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        String testDev;
        String fstyp = s.fstyp();
        try {
            testDev = loopOver(backingFile(tag + "-test.img", TEST_SIZE));
            Trace.mark("TEST loop device attached");
            HostOps.mkfs(fstyp, null, testDev).orThrow();
            Trace.mark("TEST mkfs done");
            Claim mount = registry.claim(Claim.Kind.MOUNT, testDir.toString());
            Exec.run(Duration.ofSeconds(60), "mount", "-t", fstyp, testDev, testDir.toString()).orThrow();
            undo.push(() -> {
                HostOps.unmount(testDir);
                registry.release(mount);
            });
        } finally {
            scratch = awaitScratch(scratchFuture);
            Trace.mark("SCRATCH device ready");
            undo.push(this::closeScratch);
        }
        this.tag = tag;
        this.scratchMnt = scratchMnt;
        formatScratch(s);
        Trace.mark("SCRATCH mkfs done");
        undo.push(() -> HostOps.unmount(scratchMnt));

        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("TEST_DEV", testDev);
        vars.put("TEST_DIR", testDir.toString());
        vars.put("SCRATCH_DEV", scratch.path());
        vars.put("SCRATCH_MNT", scratchMnt.toString());
        vars.putAll(scratch.vars());
        section = s.with(vars);
        facts.put("TEST_DEV_BACKING", "loop device (direct I/O) over a sparse file in " + BACKING_DIR);
        facts.put("SCRATCH_DEV_BACKING", scratch.describe());
        facts.put("TEST_DEV_SIZE", Long.toString(TEST_SIZE));
        facts.put("SCRATCH_DEV_SIZE", Long.toString(SCRATCH_SIZE));
    }

    private static ScratchDevice awaitScratch(CompletableFuture<ScratchDevice> f) throws IOException {
        try {
            return f.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException u) {
                throw new IOException("cannot create the SCRATCH device: " + u.getCause().getMessage() + HINT, u.getCause());
            }
            throw new IOException("cannot create the SCRATCH device: " + cause + HINT, cause);
        }
    }

    /** Formatted once so that a test that never touches SCRATCH leaves a filesystem the fsck checker accepts. */
    private void formatScratch(Section s) throws IOException {
        HostOps.mkfs(s.fstyp(), s.get("MKFS_OPTIONS", null), scratch.path()).orThrow();
    }

    private synchronized void closeScratch() {
        if (scratch != null) {
            try {
                scratch.close();
            } catch (IOException e) {
                System.err.println("rig: cannot remove the scratch device: " + e.getMessage());
            }
            scratch = null;
        }
    }

    @Override
    public synchronized Optional<String> unstick() {
        if (scratch == null) {
            return Optional.empty();
        }
        try {
            scratch.abort();
            scratchBroken = true;
            return Optional.of("aborted the SCRATCH device (" + scratch.path() + ") to unstick the hung test; it is rebuilt before the next test");
        } catch (IOException e) {
            return Optional.of("could not abort the SCRATCH device: " + e.getMessage());
        }
    }

    @Override
    public synchronized void beforeTest() throws IOException {
        if (!scratchBroken) {
            return;
        }
        HostOps.detach(scratchMnt);
        closeScratch();
        scratch = ScratchDevice.create(registry, tag, SCRATCH_SIZE, BACKING_DIR);
        scratchBroken = false;
        formatScratch(section);
        Map<String, String> vars = new LinkedHashMap<>(scratch.vars());
        vars.put("SCRATCH_DEV", scratch.path());
        section = section.with(vars);
    }

    @Override
    public Map<String, String> workerEnvironment() {
        return ScratchDevice.workerEnvironment(lane);
    }

    private Path backingFile(String name, long size) throws IOException {
        Path file = BACKING_DIR.resolve(name);
        own(Claim.Kind.BACKING_FILE, file.toString(), () -> deleteQuietly(file));
        SparseFile.create(file, size);
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
    public synchronized Section section() {
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
