package rig.check.hang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import rig.check.api.HangEvidence;
import rig.check.api.HangEvidence.Outstanding;

/** When the recovery leaves SCRATCH alone: the stuck ordered extents are all on another device. */
class HangRecoveryTest {
    private static final Set<String> SCRATCH = Set.of("loop1", "dm-0"); // the loop device and the dm device on it

    private static HangEvidence outstanding(Outstanding... o) {
        return new HangEvidence(List.of(), List.of(o));
    }

    @Test
    void orderedExtentsOnTestDevOnlyLeaveScratchAlone() {
        assertEquals(Optional.of(Set.of("loop0")), HangRecovery.stuckElsewhere(
                outstanding(new Outstanding("root 5 ino 259 [0, 2097152)", List.of("loop0"))), SCRATCH));
    }

    @Test
    void anOrderedExtentOnScratchOrOnWhatIsStackedOnItMeansScratchIsAborted() {
        assertEquals(Optional.empty(), HangRecovery.stuckElsewhere(outstanding(
                new Outstanding("root 5 ino 259 [0, 4096)", List.of("loop0")),
                new Outstanding("root 5 ino 257 [0, 4096)", List.of("dm-0"))), SCRATCH));
    }

    @Test
    void noLedgerEvidenceOrNoDevicesKeepTheAbort() {
        assertEquals(Optional.empty(), HangRecovery.stuckElsewhere(HangEvidence.NONE, SCRATCH));
        assertEquals(Optional.empty(), HangRecovery.stuckElsewhere(
                outstanding(new Outstanding("root 5 ino 257 [0, 4096)", List.of())), SCRATCH));
    }
}
