package rig.engine.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerHangTest {

    @Test
    void aTreeWithoutBlockedTasksSaysSoRatherThanNamingNothing() {
        // this JVM's tasks run or sleep (S/R), none in D
        List<String> lines = ContainerHang.evidence(ProcessHandle.current().pid());
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("no task of the container (init pid " + ProcessHandle.current().pid()
                + ") is in D state"), lines.get(0));
    }

    @Test
    void aContainerWhoseInitIsGoneHasNoTasks() {
        List<String> lines = ContainerHang.evidence(-1);
        assertTrue(lines.get(0).startsWith("no task of the container (init pid -1)"), lines.toString());
    }
}
