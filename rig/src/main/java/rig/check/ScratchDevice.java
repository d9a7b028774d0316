package rig.check;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import rig.devices.loop.LoopDevice;
import rig.devices.own.Claim;
import rig.devices.own.Registry;

/**
 * The embedded default's SCRATCH device, the one place that decides what it is: a loop device
 * with direct I/O over a sparse file on tmpfs. (The injectable Java device takes its place here,
 * handing tests its control socket in RIG_SCRATCH_CONTROL.)
 */
final class ScratchDevice implements AutoCloseable {

    private final Registry registry;
    private final Path backing;
    private final Claim backingClaim;
    private final LoopDevice loop;

    private ScratchDevice(Registry registry, Path backing, Claim backingClaim, LoopDevice loop) {
        this.registry = registry;
        this.backing = backing;
        this.backingClaim = backingClaim;
        this.loop = loop;
    }

    /** Environment for worker JVMs, known before the device exists (so a prestarted worker can keep it). */
    static Map<String, String> workerEnvironment() {
        return Map.of();
    }

    static ScratchDevice create(Registry registry, String tag, long size, Path backingDir) throws IOException {
        Path file = backingDir.resolve(tag + "-scratch.img");
        Claim claim = registry.claim(Claim.Kind.BACKING_FILE, file.toString());
        try {
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
                f.setLength(size);
            }
            return new ScratchDevice(registry, file, claim, LoopDevice.attach(registry, file, 512, true));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            registry.release(claim);
            throw e;
        }
    }

    /** The block device to mkfs and mount. */
    String path() {
        return loop.path().toString();
    }

    /** Variables the section gets besides SCRATCH_DEV. */
    Map<String, String> vars() {
        return Map.of();
    }

    String describe() {
        return "loop device (direct I/O) over a sparse file in " + backing.getParent();
    }

    @Override
    public void close() throws IOException {
        try {
            loop.close();
        } finally {
            Files.deleteIfExists(backing);
            registry.release(backingClaim);
        }
    }
}
