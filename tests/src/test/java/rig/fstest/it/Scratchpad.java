package rig.fstest.it;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import rig.devices.loop.LoopDevice;
import rig.devices.own.Mounts;

/**
 * Devices for integration tests: loop devices over sparse files in /dev/shm, and mount points
 * in a temporary directory, all named uniquely and removed on close (mounts lazily detached if
 * a test left them busy).
 */
final class Scratchpad implements AutoCloseable {
    private final String tag = "rig-testapi-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    private final Path dir;
    private final List<LoopDevice> loops = new ArrayList<>();
    private final List<Path> files = new ArrayList<>();

    Scratchpad() throws IOException {
        dir = Files.createTempDirectory(tag);
    }

    /** A loop device over a new sparse file of {@code bytes}. */
    String loop(long bytes) throws IOException {
        Path backing = Path.of("/dev/shm", tag + "-" + files.size() + ".img");
        try (RandomAccessFile f = new RandomAccessFile(backing.toFile(), "rw")) {
            f.setLength(bytes);
        }
        files.add(backing);
        LoopDevice loop = LoopDevice.attach(backing, 512, true);
        loops.add(loop);
        return loop.path().toString();
    }

    Path mountPoint(String name) throws IOException {
        return Files.createDirectories(dir.resolve(name));
    }

    /** FSTYP, SCRATCH_DEV/SCRATCH_MNT and TEST_DEV/TEST_DIR on fresh loop devices. */
    Map<String, String> config(String fstyp, long bytes) throws IOException {
        return Map.of("FSTYP", fstyp,
                "SCRATCH_DEV", loop(bytes), "SCRATCH_MNT", mountPoint("scratch").toString(),
                "TEST_DEV", loop(bytes), "TEST_DIR", mountPoint("test").toString());
    }

    @Override
    public void close() throws IOException {
        for (Mounts.Mount m : Mounts.list()) {
            if (m.mountPoint().startsWith(dir)) {
                rig.sys.Unmount.lazily(m.mountPoint());
            }
        }
        for (LoopDevice loop : loops) {
            loop.close();
        }
        for (Path f : files) {
            Files.deleteIfExists(f);
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
