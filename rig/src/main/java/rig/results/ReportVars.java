package rig.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The properties fstests' common/report writes into result.xml: the host (ARCH, KERNEL, CPUS,
 * MEM_KB, SWAP_KB, NUMA_NODES), each block device's queue facts (TEST_DEV_SIZE_KB,
 * SCRATCH_DEV_ROTATIONAL, ...), and the configuration variables of REPORT_ENV_LIST and
 * REPORT_ENV_LIST_OPT; empty values are left out and the names sorted, as common/report does.
 */
public final class ReportVars {

    /** common/report's REPORT_ENV_LIST and REPORT_ENV_LIST_OPT. */
    public static final List<String> ENV_LIST = List.of("SECTION", "FSTYP", "PLATFORM", "MKFS_OPTIONS",
            "MOUNT_OPTIONS", "HOST_OPTIONS", "CHECK_OPTIONS", "XFS_MKFS_OPTIONS", "TIME_FACTOR", "LOAD_FACTOR",
            "TEST_DIR", "TEST_DEV", "SCRATCH_DEV", "SCRATCH_MNT", "OVL_UPPER", "OVL_LOWER", "OVL_WORK",
            "TAPE_DEV", "RMT_TAPE_DEV", "FSSTRESS_AVOID", "FSX_AVOID", "KCONFIG_PATH", "PERF_CONFIGNAME",
            "MIN_FSSIZE", "IDMAPPED_MOUNTS");

    private final Path sys;
    private final Path proc;

    /** Reads /sys and /proc of this host. */
    public ReportVars() {
        this(Path.of("/sys"), Path.of("/proc"));
    }

    ReportVars(Path sys, Path proc) {
        this.sys = sys;
        this.proc = proc;
    }

    /**
     * The properties for a section whose variables {@code vars} gives (FSTYP, TEST_DEV, ...,
     * as the run used them), sorted by name, without empty values.
     */
    public Map<String, String> of(Function<String, String> vars, String kernel, String arch) {
        Map<String, String> p = new TreeMap<>();
        put(p, "ARCH", arch);
        put(p, "KERNEL", kernel);
        put(p, "CPUS", Integer.toString(Runtime.getRuntime().availableProcessors()));
        meminfo("MemTotal:").ifPresent(v -> put(p, "MEM_KB", v));
        meminfo("SwapTotal:").ifPresent(v -> put(p, "SWAP_KB", v));
        read(sys.resolve("devices/system/node/possible")).ifPresent(v -> put(p, "NUMA_NODES", v));
        blockDevice(p, "TEST_DEV", vars.apply("TEST_DEV"));
        blockDevice(p, "SCRATCH_DEV", vars.apply("SCRATCH_DEV"));
        for (String name : ENV_LIST) {
            put(p, name, vars.apply(name));
        }
        return p;
    }

    private void blockDevice(Map<String, String> p, String var, String dev) {
        if (dev == null || dev.isBlank() || !dev.startsWith("/dev/")) {
            return;
        }
        Path queue = sys.resolve("class/block").resolve(Path.of(dev).getFileName().toString()).resolve("queue");
        Path size = queue.getParent().resolve("size");
        read(size).ifPresent(sectors -> put(p, var + "_SIZE_KB", Long.toString(Long.parseLong(sectors) / 2)));
        read(queue.resolve("rotational")).ifPresent(v -> put(p, var + "_ROTATIONAL", v));
        read(queue.resolve("dax")).ifPresent(v -> put(p, var + "_DAX", v));
        read(queue.resolve("discard_max_bytes")).ifPresent(v -> put(p, var + "_DISCARD", nonZeroIsOne(v)));
        read(queue.resolve("write_zeroes_max_bytes")).ifPresent(v -> put(p, var + "_WRITE_ZEROES", nonZeroIsOne(v)));
        read(queue.resolve("physical_block_size")).ifPresent(v -> put(p, var + "_PHYS_BLOCK_BYTES", v));
        read(queue.resolve("logical_block_size")).ifPresent(v -> put(p, var + "_LBA_BYTES", v));
        read(queue.resolve("nr_zones")).ifPresent(v -> put(p, var + "_ZONES", v));
    }

    /** common/report's sed 's/[1-9][0-9]*\/1/g': any non-zero count is 1. */
    static String nonZeroIsOne(String v) {
        return v.replaceAll("[1-9][0-9]*", "1");
    }

    private Optional<String> meminfo(String key) {
        try {
            return Files.readAllLines(proc.resolve("meminfo")).stream().filter(l -> l.startsWith(key))
                    .map(l -> l.substring(key.length()).strip().split("\\s+")[0]).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> read(Path f) {
        try {
            return Optional.of(Files.readString(f).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void put(Map<String, String> p, String name, String value) {
        if (value != null && !value.isEmpty()) {
            p.put(name, value);
        }
    }
}
