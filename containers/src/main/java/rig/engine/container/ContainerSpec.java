package rig.engine.container;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One container run: the userland image, the host directories it sees read-only at the same
 * paths (the tree, the Maven repository its class path names), the results directory it writes
 * (read-write, same path), the command it runs in {@code workDir} with {@code env}, and the time
 * it may take before the hang path ends it.
 */
public record ContainerSpec(UserlandImage image, List<Path> readOnlyShares, Path results, Path workDir,
                            List<String> command, Map<String, String> env, Duration timeout) {

    /** The container's /dev/shm, where the rig's backing files go (sparse: TEST 4 GiB, SCRATCH 8 GiB). */
    public static final long SHM_BYTES = 16L << 30;

    public ContainerSpec {
        readOnlyShares = List.copyOf(readOnlyShares);
        command = List.copyOf(command);
        env = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
        if (command.isEmpty()) {
            throw new IllegalArgumentException("a container run needs a command");
        }
    }
}
