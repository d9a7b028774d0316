package rig.checkers.scope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TestScopeTest {

    @Test
    void aThreadBelongsToItsProcessAndAGoneTaskToNone() {
        long self = ProcessHandle.current().pid();
        assertEquals(self, TestScope.threadGroup(self));
        assertEquals(0, TestScope.threadGroup(Long.MAX_VALUE));
    }

    /** This JVM is the test's own family; a child of this JVM outside the test's roots is another lane's. */
    @Test
    void aTaskOfTheRunOutsideTheTestsProcessesIsAnotherLanes() throws Exception {
        TestScope mine = TestScope.of(Map.of("SCRATCH_DEV", "/dev/loop3"), null);
        assertFalse(mine.otherLanesTask(ProcessHandle.current().pid()));
        assertTrue(mine.devices().contains("loop3"));
        Process other = new ProcessBuilder("sleep", "30").start();
        try {
            TestScope lane = new TestScope(Map.of(), java.util.List.of(Long.MAX_VALUE), null);
            assertTrue(lane.otherLanesTask(other.pid()), "a child of the runner outside the lane's worker");
            assertFalse(lane.otherLanesTask(1), "init is not the run's");
        } finally {
            other.destroyForcibly().waitFor();
        }
    }
}
