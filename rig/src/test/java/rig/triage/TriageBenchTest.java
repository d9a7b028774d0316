package rig.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's generated console log is triaged correctly (speed is printed by TriageBench, not asserted). */
class TriageBenchTest {
    @TempDir
    Path tmp;

    @Test
    void embeddedReportsAreFoundInTheNoise() throws Exception {
        Path log = tmp.resolve("console.log");
        long bytes = TriageBench.generate(log, 3 * 1024 * 1024);
        assertTrue(bytes >= 3 * 1024 * 1024 && Files.size(log) >= bytes);
        TriageResult r = Triage.withDefaults().run(log);
        assertEquals(List.of("BUG: unable to handle kernel NULL pointer dereference in btrfs_finish_ordered_io",
                "I/O error in btrfs_dev_stat_print_on_error", "I/O error in btrfs_dio_end_io",
                "INFO: task hung in btrfs_start_ordered_extent", "WARNING in iomap_file_buffered_write_punch_delalloc"),
                r.signatures().stream().map(Signature::title).sorted().toList());
        assertEquals(1, r.exitStatus(), "the Oops is new");
    }
}
