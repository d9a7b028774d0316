package rig.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's settings table is {@link Setting}; a bad value is one line naming it, what it takes and an example. */
class SettingsDocTest {
    @Test
    void theReadmeTableListsEverySettingWithItsDefault() throws Exception {
        List<String> rows = Files.readAllLines(Path.of("..", "README.md")).stream().filter(l -> l.startsWith("| `RIG_")).toList();
        assertEquals(Setting.values().length, rows.size(), "one README row per setting");
        for (Setting s : Setting.values()) {
            String row = rows.stream().filter(r -> r.startsWith("| `" + s.name() + "` |")).findFirst().orElseThrow(
                    () -> new AssertionError("README lacks " + s.name()));
            String[] cells = row.split(" \\| ");
            assertEquals(s.defaultValue().isEmpty() ? "-" : s.defaultValue(), cells[2], row);
            assertTrue(row.endsWith(s.doc() + " |"), row);
        }
    }

    @Test
    void badValuesAreOneLineUsageErrors() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> Setting.validate(Map.of("RIG_FSCK_TEST", "sometimes")));
        assertEquals("RIG_FSCK_TEST=sometimes is not each or end; set it to e.g. each (fsck TEST_DEV after each test or"
                + " once per section)", e.getMessage());
        assertThrows(UserInputException.class, () -> Setting.validate(Map.of("RIG_BLOCKED_THRESHOLD", "x")));
        assertThrows(UserInputException.class, () -> Setting.validate(Map.of("RIG_OE_BUFFER_KB", "0")));
        assertThrows(UserInputException.class, () -> Setting.validate(Map.of("RIG_STATE_DIR", "relative/dir")));
        Setting.validate(Map.of("RIG_FSCK", "NO", "RIG_HANG_CONFIRM", "5", "RIG_OE_DEVICES", "/dev/loop3 /dev/loop4"));
    }

    @Test
    void valuesAndDefaults() {
        assertEquals(10, Setting.RIG_BLOCKED_THRESHOLD.number(Map.of()));
        assertEquals(3, Setting.RIG_BLOCKED_THRESHOLD.number(Map.of("RIG_BLOCKED_THRESHOLD", " 3 ")));
        assertTrue(Setting.RIG_FSCK.on(Map.of()));
        assertTrue(!Setting.RIG_FSCK.on(Map.of("RIG_FSCK", "no")));
        assertEquals("end", Setting.RIG_FSCK_TEST.in(Map.of("RIG_FSCK_TEST", "end")));
    }
}
