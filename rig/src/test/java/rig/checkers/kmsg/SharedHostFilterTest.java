package rig.checkers.kmsg;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which kernel-log lines another -j lane's test made; the lines are 6.18's and seed 000's and 004's wording. */
class SharedHostFilterTest {
    private static final Set<String> OURS = Set.of("loop2", "loop3", "dm-0");

    @Test
    void linesNamingOnlyAnotherLanesDevicesAreNotTheTests() {
        for (String line : List.of("BTRFS info (device loop5): first mount of filesystem 1f0c",
                "I/O error, dev loop7, sector 2048 op 0x1:(WRITE) flags 0x8800 phys_seg 16 prio class 2",
                "rig: start generic/250 [1234.7]", "rig: end rig/330 [1234.9]")) {
            assertTrue(SharedHostFilter.foreign(line, OURS, tid -> false), line);
        }
    }

    /** A WARNING names the task that raised it: another lane's task makes it another lane's, otherwise it stays. */
    @Test
    void aWarningRaisedByAnotherLanesTaskIsThatLanes() {
        String warning = "WARNING: CPU: 2 PID: 1003 at fs/iomap/buffered-io.c:1182 iomap_file_buffered_write_punch_delalloc+0x691/0x730";
        assertTrue(SharedHostFilter.foreign(warning, OURS, tid -> tid == 1003));
        assertFalse(SharedHostFilter.foreign(warning, OURS, tid -> tid == 42));
    }

    @Test
    void linesNamingTheTestsDevicesOrNoDeviceStay() {
        for (String line : List.of("BTRFS error (device loop3): bdev /dev/loop3 errs: wr 1, rd 0, flush 0, corrupt 0, gen 0",
                "BTRFS warning (device dm-0): direct IO failed ino 259 op 0x8801 offset 0x0 len 65536 err no 10",
                "WARNING: CPU: 2 PID: 1003 at fs/iomap/buffered-io.c:1182 iomap_file_buffered_write_punch_delalloc+0x691/0x730",
                "INFO: task kworker/u8:3:96 blocked for more than 120 seconds.",
                "loop5: detected capacity change from 0 to 8388608; loop2: the same")) {
            assertFalse(SharedHostFilter.foreign(line, OURS, tid -> false), line);
        }
    }
}
