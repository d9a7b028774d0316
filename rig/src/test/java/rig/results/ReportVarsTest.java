package rig.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** common/report's __generate_report_vars and REPORT_ENV_LIST (fstests at 63a29724). */
class ReportVarsTest {
    @TempDir
    Path dir;

    @Test
    void hostDevicesAndConfigurationAsCommonReportWritesThem() throws Exception {
        Path sys = dir.resolve("sys");
        Path proc = dir.resolve("proc");
        Path queue = sys.resolve("class/block/loop3/queue");
        Files.createDirectories(queue);
        Files.createDirectories(sys.resolve("devices/system/node"));
        Files.createDirectories(proc);
        Files.writeString(sys.resolve("class/block/loop3/size"), "409600\n");
        Files.writeString(queue.resolve("rotational"), "0\n");
        Files.writeString(queue.resolve("discard_max_bytes"), "4294966784\n");
        Files.writeString(queue.resolve("write_zeroes_max_bytes"), "0\n");
        Files.writeString(queue.resolve("logical_block_size"), "512\n");
        Files.writeString(sys.resolve("devices/system/node/possible"), "0\n");
        Files.writeString(proc.resolve("meminfo"), "MemTotal:       24576000 kB\nSwapTotal:             0 kB\n");

        Map<String, String> vars = Map.of("FSTYP", "xfs", "SCRATCH_DEV", "/dev/loop3", "MKFS_OPTIONS", "",
                "SECTION", "xfs_4k");
        Map<String, String> p = new ReportVars(sys, proc).of(vars::get, "6.18.0", "x86_64");

        assertEquals("204800", p.get("SCRATCH_DEV_SIZE_KB"));
        assertEquals("1", p.get("SCRATCH_DEV_DISCARD"), "a non-zero byte count is 1");
        assertEquals("0", p.get("SCRATCH_DEV_WRITE_ZEROES"));
        assertEquals("512", p.get("SCRATCH_DEV_LBA_BYTES"));
        assertEquals("24576000", p.get("MEM_KB"));
        assertEquals("0", p.get("SWAP_KB"));
        assertEquals("0", p.get("NUMA_NODES"));
        assertEquals("x86_64", p.get("ARCH"));
        assertEquals("xfs", p.get("FSTYP"));
        assertFalse(p.containsKey("MKFS_OPTIONS"), "an empty value is left out");
        assertFalse(p.containsKey("TEST_DEV_SIZE_KB"), "no TEST_DEV, no facts");
        assertEquals(p.keySet().stream().sorted().toList(), List.copyOf(p.keySet()), "sorted by name");
    }
}
