package rig.sys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A block device's I/O counters from /sys/class/block/NAME/stat (Documentation/block/stat.rst):
 * requests completed (reads, writes, discards, flushes) and requests in flight. Any block device
 * has them (loop, dm, virtio, a configured disk), so progress is measurable on every backend.
 */
public record BlockStat(long completed, long inFlight) {

    public static final BlockStat NONE = new BlockStat(0, 0);

    /** The counters of the device with kernel name {@code name} ("loop3", "dm-0"), if it exists. */
    public static Optional<BlockStat> of(String name) {
        try {
            return Optional.of(parse(Files.readString(Path.of("/sys/class/block", name, "stat"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Parses the stat line: fields 1, 5, 12 and 15 are completed requests, field 9 those in flight. */
    static BlockStat parse(String line) {
        String[] f = line.trim().split("\\s+");
        long completed = field(f, 0) + field(f, 4) + field(f, 11) + field(f, 15);
        return new BlockStat(completed, field(f, 8));
    }

    private static long field(String[] f, int i) {
        return i < f.length ? Long.parseLong(f[i]) : 0;
    }

    public BlockStat plus(BlockStat o) {
        return new BlockStat(completed + o.completed, inFlight + o.inFlight);
    }
}
