package rig.devices.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rig.devices.fault.Disk.write;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TriggersTest {

    @TempDir
    Path dir;

    /** Indices (0-based) of the writes that failed among {@code n} one-sector writes under {@code table}. */
    private List<Integer> failures(String table, int n) throws Exception {
        try (FaultEngine dev = Disk.open(dir, 64)) {
            dev.loadTable(table);
            List<Integer> failed = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (write(dev, i % 8, 1, i) != 0) {
                    failed.add(i);
                }
            }
            return failed;
        }
    }

    @Test
    void always() throws Exception {
        assertEquals(List.of(0, 1, 2, 3), failures("0 - error write", 4));
    }

    @Test
    void afterLetsTheFirstNThrough() throws Exception {
        assertEquals(List.of(3, 4, 5), failures("0 - error write after=3", 6));
    }

    @Test
    void onceActsOnTheFirstOnly() throws Exception {
        assertEquals(List.of(0), failures("0 - error write once", 5));
        assertEquals(List.of(2), failures("0 - error write after=2 once", 5));
    }

    @Test
    void everyNthActsOnTheNthTheTwoNthAndSoOn() throws Exception {
        assertEquals(List.of(2, 5, 8), failures("0 - error write every=3", 10));
        assertEquals(List.of(2, 5), failures("0 - error write every=3 limit=2", 10));
    }

    @Test
    void onlyMatchingRequestsCount() throws Exception {
        try (FaultEngine dev = Disk.open(dir, 64)) {
            dev.loadTable("0 8 error write after=1");
            assertEquals(0, dev.read(0, Disk.buffer(512)), "reads are not matched and not counted");
            assertEquals(0, write(dev, 8, 1, 1), "outside the range");
            assertEquals(0, write(dev, 0, 1, 1), "the first matching write is let through");
            assertNotEquals(0, write(dev, 0, 1, 1));
            assertTrue(dev.counters().text().contains(".matched 2\n"), dev.counters().text());
            assertTrue(dev.counters().text().contains(".fired 1\n"), dev.counters().text());
        }
    }

    @Test
    void aSeededProbabilityReplaysIdentically() throws Exception {
        List<Integer> a = failures("0 - error write prob=0.3 seed=1234", 300);
        List<Integer> b = failures("0 - error write prob=0.3 seed=1234", 300);
        List<Integer> c = failures("0 - error write prob=0.3 seed=1235", 300);
        assertEquals(a, b, "same seed, same request sequence: same failures");
        assertNotEquals(a, c, "another seed, another pattern");
        assertTrue(a.size() > 45 && a.size() < 135, "about 30% of 300: " + a.size());
    }

    @Test
    void theSeedShownByTableReplaysAnUnseededRun() throws Exception {
        String shown;
        List<Integer> first = new ArrayList<>();
        try (FaultEngine dev = Disk.open(dir, 64)) {
            dev.loadTable("0 - error write prob=0.5");
            shown = dev.table();
            for (int i = 0; i < 100; i++) {
                if (write(dev, 0, 1, i) != 0) {
                    first.add(i);
                }
            }
        }
        assertEquals(first, failures(shown, 100));
    }
}
