package rig.engine.vm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One guest run: which kernel and root image boot, which host directories the guest sees
 * (read-only, at the same paths; {@code results} read-write, at the same path, where the
 * guest's RESULT_BASE points), the command it runs in {@code workDir} with {@code env}, the
 * TEST and SCRATCH disks ({@code /dev/vdb}, {@code /dev/vdc}: sparse files of
 * {@code diskBytes}), and the time the whole guest may take before it is killed.
 */
public record VmSpec(HostKernel kernel, Path image, List<Path> readOnlyShares, Path results, Path workDir,
                     List<String> command, Map<String, String> env, List<String> modules, long diskBytes, int memoryMiB, int cpus,
                     Duration timeout) {

    /** The guest's TEST and SCRATCH disks. */
    public static final String TEST_DEV = "/dev/vdb";
    public static final String SCRATCH_DEV = "/dev/vdc";

    /** Modules the guest loads before the command: device-mapper targets, the file systems, loop, FUSE. */
    public static final List<String> DEFAULT_MODULES = List.of("dm-mod", "dm-flakey", "dm-delay", "dm-log-writes",
            "btrfs", "xfs", "ext4", "loop", "fuse");

    /**
     * Where the guest's JVMs keep their class-data archives (RIG_CDS_DIR; the tree is read-only in
     * the guest): beside the image, whose JDK wrote them, and kept across guests, so that only the
     * first guest of a build pays for the dump.
     */
    public Path cdsCache() {
        return image.resolveSibling(image.getFileName() + ".cds");
    }

    public VmSpec {
        readOnlyShares = List.copyOf(readOnlyShares);
        command = List.copyOf(command);
        env = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
        modules = List.copyOf(modules);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("a guest run needs a command");
        }
        if (diskBytes < (256L << 20) || memoryMiB < 512 || cpus < 1) {
            throw new IllegalArgumentException("guest disks must be >= 256 MiB, memory >= 512 MiB, cpus >= 1 (got "
                    + diskBytes + " bytes, " + memoryMiB + " MiB, " + cpus + ")");
        }
    }
}
