package rig.triage.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import rig.triage.Kind;
import rig.triage.signature.Titles;

/** The real log text of the seed threads: kind, culprit and title of each report. */
class SeedLogsTest {

    private static Finding only(List<Finding> fs, Kind kind) {
        List<Finding> of = fs.stream().filter(f -> f.kind() == kind).toList();
        assertEquals(1, of.size(), "findings of kind " + kind + ": " + fs);
        return of.get(0);
    }

    private static void assertHang276(Finding f) {
        assertEquals(Kind.HUNG_ORDERED_EXTENT, f.kind());
        assertEquals("btrfs_start_ordered_extent", f.culprit());
        assertEquals("INFO: task hung in btrfs_start_ordered_extent", Titles.of(f, null));
        assertTrue(f.evidence().stream().anyMatch(e -> e.contains("task:umount")), f.evidence().toString());
        assertTrue(f.evidence().size() >= 3 && f.evidence().size() <= 10, f.evidence().toString());
    }

    @Test
    void sysrqDumpAsTheArchiveFlattenedIt() {
        List<Finding> fs = Fixtures.scan(Fixtures.seed("seed000-sysrq-w-flattened.txt"));
        assertEquals(1, fs.size(), fs.toString());
        assertHang276(fs.get(0));
    }

    @Test
    void sysrqDumpLineByLine() {
        List<Finding> fs = Fixtures.scan(Fixtures.seed("seed000-sysrq-w-lines.txt"));
        assertEquals(1, fs.size(), fs.toString());
        assertHang276(fs.get(0));
        assertEquals("[33812.458831] task:kworker/u20:31 state:D stack:0 pid:1457865 ppid:2 flags:0x00004000",
                fs.get(0).evidence().get(1));
    }

    @Test
    void theTaskOthersWaitOnIsChosenWhateverTheOrder() {
        String dump = Fixtures.seed("seed000-sysrq-w-lines.txt");
        int umount = dump.indexOf("[33812.530751] task:umount");
        int kworker = dump.indexOf("[33812.458831] task:kworker");
        String header = dump.substring(0, kworker);
        String reversed = header + dump.substring(umount) + "\n" + dump.substring(kworker, umount);
        List<Finding> fs = Fixtures.scan(reversed);
        assertEquals(1, fs.size(), fs.toString());
        assertHang276(fs.get(0));
    }

    @Test
    void sysrqDumpQuotedInAReply() {
        String quoted = Arrays.stream(Fixtures.seed("seed000-sysrq-w-lines.txt").split("\n"))
                .map(l -> ">> " + l).collect(Collectors.joining("\n"));
        List<Finding> fs = Fixtures.scan(quoted);
        assertEquals(1, fs.size(), fs.toString());
        assertHang276(fs.get(0));
    }

    @Test
    void directIoFailedAndErrorCountersMapToThePrintingFunctions() {
        List<Finding> fs = Fixtures.scan(Fixtures.seed("seed000-dio-failed-flattened.txt"));
        List<String> titles = new ArrayList<>();
        for (Finding f : fs) {
            titles.add(Titles.of(f, null));
        }
        assertEquals(List.of("I/O error in buffer_io_error",
                "I/O error in btrfs_dev_stat_print_on_error", "I/O error in btrfs_dio_end_io",
                "I/O error in btrfs_dev_stat_print_on_error", "I/O error in btrfs_dio_end_io",
                "INFO: task hung"), titles);
        Finding dio = fs.get(2);
        assertEquals(Kind.IO_ERROR, dio.kind());
        assertEquals("btrfs_dio_end_io", dio.culprit());
        assertEquals(List.of("[ 393.878335] BTRFS warning (device dm-1): direct IO failed ino 259 op 0x8801 offset 0x0"
                + " len 1982464 err no 10"), dio.evidence());
        Finding errs = fs.get(1);
        assertEquals(Kind.IO_ERROR, errs.kind());
        assertEquals("btrfs_dev_stat_print_on_error", errs.culprit());
        Finding abbreviated = fs.get(5);
        assertEquals(Kind.HUNG_TASK, abbreviated.kind());
        assertEquals(null, abbreviated.culprit());
        assertTrue(abbreviated.evidence().get(1).endsWith("flags:0x00004000"), abbreviated.evidence().toString());
    }

    private static void assertIomapWarning(Finding f) {
        assertEquals(Kind.WARNING, f.kind());
        assertEquals("iomap_file_buffered_write_punch_delalloc", f.culprit());
        assertEquals("WARNING in iomap_file_buffered_write_punch_delalloc", Titles.of(f, null));
        assertTrue(f.evidence().stream().anyMatch(e -> e.startsWith("WARNING: CPU: 2 PID: 1003 at fs/iomap/buffered-io.c:1182")));
        assertTrue(f.evidence().contains("xfs_buffered_write_iomap_end+0x40/0xb0"), f.evidence().toString());
    }

    @Test
    void fullIomapWarningReport() {
        List<Finding> fs = Fixtures.scan(Fixtures.seed("seed004-iomap-warning.txt"));
        assertEquals(1, fs.size(), fs.toString());
        assertIomapWarning(fs.get(0));
    }

    @Test
    void iomapWarningQuotedTwice() {
        String quoted = Arrays.stream(Fixtures.seed("seed004-iomap-warning.txt").split("\n"))
                .map(l -> "> > " + l).collect(Collectors.joining("\n"));
        assertIomapWarning(only(Fixtures.scan(quoted), Kind.WARNING));
    }

    @Test
    void iomapWarningFlattenedWithoutTimestamps() {
        String flat = Arrays.stream(Fixtures.seed("seed004-iomap-warning.txt").split("\n"))
                .filter(l -> !l.startsWith("#")).map(String::strip).collect(Collectors.joining(" "));
        assertIomapWarning(only(Fixtures.scan(flat), Kind.WARNING));
    }

    @Test
    /** The whole threads (prose, patches, quoted replies) yield only the reports they contain. */
    void wholeSeedThreadsScanWithoutSpuriousReports() throws Exception {
        for (String seed : List.of("000", "004")) {
            java.nio.file.Path dir = java.nio.file.Path.of("/work/shared/seeds");
            org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(dir), "seed threads not on this host");
            java.nio.file.Path file;
            try (var s = java.nio.file.Files.list(dir)) {
                file = s.filter(p -> p.getFileName().toString().startsWith(seed + "_")).findFirst().orElseThrow();
            }
            List<Finding> fs = Fixtures.scan(java.nio.file.Files.readString(file));
            for (Finding f : fs) {
                String title = Titles.of(f, null);
                assertTrue(Set.of("INFO: task hung in btrfs_start_ordered_extent", "INFO: task hung",
                        "WARNING in iomap_file_buffered_write_punch_delalloc", "I/O error in buffer_io_error",
                        "I/O error in btrfs_dev_stat_print_on_error", "I/O error in btrfs_dio_end_io").contains(title),
                        seed + ": unexpected " + title + " " + f.evidence());
            }
        }
    }
}
