package rig.check.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import rig.config.UserInputException;

class GoldenTest {

    @Test
    void identicalTranscriptMatches() {
        Golden.Comparison c = Golden.compare(List.of("QA output created by 250", "ok"), List.of("QA output created by 250", "ok"), "a", "b", 10);
        assertTrue(c.matches());
        assertTrue(c.diff().isEmpty());
    }

    @Test
    void mismatchGivesAUnifiedDiffCutAtDiffLength() {
        List<String> golden = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            golden.add("line " + i);
            actual.add(i % 5 == 0 ? "changed " + i : "line " + i);
        }
        Golden.Comparison c = Golden.compare(golden, actual, "tests/generic/250.out", "results/generic/250.out.bad", 10);
        assertFalse(c.matches());
        assertEquals("--- tests/generic/250.out", c.diff().get(0));
        assertEquals("+++ results/generic/250.out.bad", c.diff().get(1));
        assertTrue(c.diff().get(2).startsWith("@@ -1,"), c.diff().get(2));
        assertTrue(c.diff().contains("-line 5") && c.diff().contains("+changed 5"));
        assertEquals(10, c.head().size());
        assertEquals(c.diff().subList(0, 10), c.head());
        assertEquals(c.diff(), Golden.compare(golden, actual, "tests/generic/250.out", "results/generic/250.out.bad", 0).head(),
                "DIFF_LENGTH=0 shows the whole diff");
    }

    @Test
    void missingTrailingLineIsAMismatch() {
        assertFalse(Golden.compare(List.of("a", "b"), List.of("a"), "g", "o", 10).matches());
    }

    @Test
    void diffLengthParsing() {
        assertEquals(10, Golden.diffLength(null));
        assertEquals(0, Golden.diffLength("0"));
        assertEquals(25, Golden.diffLength(" 25 "));
        assertThrows(UserInputException.class, () -> Golden.diffLength("ten"));
    }
}
