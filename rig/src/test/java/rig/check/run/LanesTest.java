package rig.check.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rig.check.api.Fstest;
import rig.check.engine.TestClass;
import rig.results.CheckTime;

/** How ./check -j N orders its queue and which tests it keeps for the end, alone. */
class LanesTest {

    @Fstest(id = "generic/001", groups = {"auto", "quick"})
    static final class Quick {
    }

    @Fstest(id = "rig/350", groups = {"auto", "stress", RunOptions.ALONE_GROUP})
    static final class DropsCaches {
    }

    @Fstest(id = "rig/004", groups = {"selftest"}, expectHang = true)
    static final class Hangs {
    }

    private static TestClass test(Class<?> type) {
        Fstest f = type.getAnnotation(Fstest.class);
        return new TestClass(f.id(), type, f);
    }

    @Test
    void expectedHangsAndTheAloneGroupDoNotShareTheHost() {
        assertFalse(SectionRun.runsAlone(test(Quick.class)));
        assertTrue(SectionRun.runsAlone(test(DropsCaches.class)));
        assertTrue(SectionRun.runsAlone(test(Hangs.class)));
    }

    @Test
    void theQueueRunsTheSlowestFirstAndTestsNeverTimedBeforeThem(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("check.time");
        Files.writeString(file, "generic/250 2\ngeneric/276 9\ngeneric/708 1\n");
        CheckTime times = CheckTime.load(file);
        List<TestClass> tests = List.of("generic/708", "generic/250", "rig/100", "generic/276", "generic/647").stream()
                .map(id -> new TestClass(id, Quick.class, Quick.class.getAnnotation(Fstest.class))).toList();
        assertEquals(List.of("generic/647", "rig/100", "generic/276", "generic/250", "generic/708"),
                SectionRun.slowestFirst(tests, times).stream().map(TestClass::id).toList());
    }
}
