package rig.triage.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import rig.triage.Kind;
import rig.triage.log.Finding;

class TitlesTest {
    @Test
    void titlesCarryNoAddressesOffsetsPidsOrTimestamps() {
        assertEquals("WARNING in btrfs_foo", Titles.normalise("WARNING in btrfs_foo+0x1a/0x30"));
        assertEquals("BUG: unable to handle page fault in btrfs_foo",
                Titles.normalise("[  12.345678] BUG: unable to handle page fault 0xffff888012345678 in btrfs_foo pid: 1234"));
    }

    @Test
    void testLevelFailuresAreNamedByTheTestKernelReportsWithoutStackSaySo() {
        Finding gap = new Finding(Kind.ZERO_FILLED_GAP, "zero-filled gap", null, List.of());
        assertEquals("zero-filled gap in generic/708", Titles.of(gap, "generic/708"));
        assertEquals("zero-filled gap", Titles.of(gap, null));
        Finding hang = new Finding(Kind.HUNG_TASK, "hung task", null, List.of());
        assertEquals("hung task (no stack) in generic/276", Titles.of(hang, "generic/276"));
        assertEquals("hung task (no stack)", Titles.of(hang, null));
    }

    @Test
    void sameHangOnTwoKernelsAndHostsIsOneSignature() {
        Aggregator a = new Aggregator();
        Finding f1 = new Finding(Kind.HUNG_ORDERED_EXTENT, "hung task", "btrfs_start_ordered_extent", List.of("[1.0] a"));
        Finding f2 = new Finding(Kind.HUNG_ORDERED_EXTENT, "hung task", "btrfs_start_ordered_extent", List.of("[9.0] b"));
        a.add(new Scope("hostA/6.2/btrfs", "generic/276", "hostA/6.2/btrfs/generic/276.dmesg"), f1);
        a.add(new Scope("hostB/6.3/btrfs", "generic/276", "hostB/6.3/btrfs/generic/276.dmesg"), f2);
        a.add(new Scope("hostB/6.3/btrfs", "generic/276", "hostB/6.3/btrfs/result.xml"), f2);
        var sigs = a.signatures(rig.triage.known.KnownSignatures.defaults(), null);
        assertEquals(1, sigs.size());
        assertEquals(List.of("hostA/6.2/btrfs", "hostB/6.3/btrfs"), sigs.get(0).configurations());
        assertEquals(2, sigs.get(0).count(), "the same occurrence in .dmesg and result.xml counts once");
    }
}
