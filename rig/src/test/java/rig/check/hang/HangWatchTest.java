package rig.check.hang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import rig.check.api.HangEvidence;
import rig.check.api.HangEvidence.Blocked;
import rig.check.api.HangEvidence.Outstanding;

class HangWatchTest {

    @Test
    void theCulpritIsTheTaskWaitingOnOrderedExtentsWithTheExtentsOutstanding() {
        HangEvidence blocked = new HangEvidence(List.of(
                new Blocked("task dd:10 blocked 30 s in io_schedule", "io_schedule", 30_000, true),
                new Blocked("task sync:11 blocked 12 s in btrfs_wait_ordered_extents", "btrfs_wait_ordered_extents",
                        12_000, true)), List.of());
        HangEvidence ledger = new HangEvidence(List.of(), List.of(new Outstanding("root 5 ino 257 [0, 1048576)",
                List.of("loop1"))));
        assertEquals("hung: task sync:11 blocked 12 s in btrfs_wait_ordered_extents; ordered extent root 5 ino 257"
                + " [0, 1048576) outstanding", HangWatch.culprit(blocked.plus(ledger)).orElseThrow());
    }

    @Test
    void noBlockedTaskNoCulprit() {
        assertTrue(HangWatch.culprit(HangEvidence.NONE).isEmpty());
    }
}
