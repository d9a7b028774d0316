package rig.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import rig.devices.fault.FaultEngine;

class PlanTest {
    private static final long SCRATCH_BYTES = 8L << 30;

    @Test
    void aSeedDrawsTheSamePlan() {
        assertEquals(Plan.draw(42), Plan.draw(42));
        assertNotEquals(Plan.draw(42), Plan.draw(43));
    }

    @Test
    void everyDrawnTableLoadsOnTheRigOwnedScratchAndEveryKindIsDrawn() throws Exception {
        Random seeds = new Random(1);
        Set<String> rules = new java.util.TreeSet<>();
        Set<String> targets = new java.util.TreeSet<>();
        for (int i = 0; i < 500; i++) {
            Plan p = Plan.draw(seeds.nextLong());
            FaultEngine.checkTable(p.table(), SCRATCH_BYTES, "plan " + p.seed());
            rules.add(p.table().split(" ")[2]);
            if (p.signal() != null) {
                targets.add(p.signal() + " " + p.target());
            }
        }
        assertEquals(Set.of("delay", "drop", "error", "stall", "torn"), rules);
        assertEquals(6, targets.size(), targets.toString());
    }

    @Test
    void censusMinusBaselineIsWhatIsNew() {
        Census before = new Census(Map.of("shm", Set.of("rig-1-test.img"), "claims", Set.of()));
        Census after = new Census(Map.of("shm", Set.of("rig-1-test.img", "rig-2-test.img"), "claims", Set.of("2-x.mount")));
        Census left = after.minus(before);
        assertEquals(2, left.total());
        assertEquals(List.of("claims: 2-x.mount", "shm: rig-2-test.img"), left.details());
        assertTrue(left.counts().startsWith("loop 0 fuse 0 mounts 0 tracing 0 processes 0 shm 1 claims 1"), left.counts());
    }
}
