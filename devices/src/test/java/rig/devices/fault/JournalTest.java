package rig.devices.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rig.sys.Errno;

class JournalTest {

    @TempDir
    Path dir;

    @Test
    void theRingKeepsTheNewestEntriesInOrder() {
        Journal j = new Journal(16, 0);
        for (int i = 0; i < 40; i++) {
            j.record(Op.WRITE, i * 8L, 8, 0, 0, 0, 1000L * i, 1000L * i + 500);
        }
        assertEquals(40, j.total());
        List<Journal.Entry> all = j.entries(0);
        assertEquals(16, all.size());
        assertEquals(24, all.get(0).seq());
        assertEquals(39, all.get(15).seq());
        assertEquals(39 * 8, all.get(15).sector());
        assertEquals(500, all.get(15).latencyNanos());
        assertEquals(List.of(37L, 38L, 39L), j.tail(3).stream().map(Journal.Entry::seq).toList());
    }

    @Test
    void concurrentWritersLoseNoEntry() throws Exception {
        Journal j = new Journal(1 << 16, 0);
        Thread[] ts = new Thread[4];
        for (int t = 0; t < ts.length; t++) {
            int id = t;
            ts[t] = new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    j.record(Op.READ, id, 1, 0, 0, 0, 0, 1);
                }
            });
            ts[t].start();
        }
        for (Thread t : ts) {
            t.join();
        }
        List<Journal.Entry> all = j.entries(0);
        assertEquals(40_000, all.size());
        for (int t = 0; t < 4; t++) {
            int id = t;
            assertEquals(10_000, all.stream().filter(e -> e.sector() == id).count());
        }
    }

    @Test
    void theSummaryGroupsConsecutiveFailuresOfTheSameKind() {
        Journal j = new Journal(64, 0);
        j.record(Op.WRITE, 0, 8, 0, 0, 0, 0, 10);
        j.record(Op.WRITE, 229376, 1024, 1, 0, Errno.EIO, 0, 10);
        j.record(Op.READ, 0, 8, 0, 0, 0, 0, 10); // an ordinary request does not break a group
        j.record(Op.WRITE, 230400, 1024, 1, 0, Errno.EIO, 0, 10);
        j.record(Op.WRITE, 229400, 8, 1, 0, Errno.EIO, 0, 10);
        IntStream.range(0, 12).forEach(i -> j.record(Op.WRITE, 4096 + 8 * i, 8, 2, Effect.DROPPED, 0, 0, 10));
        j.record(Op.WRITE, 100, 8, 3, Effect.STALLED | Effect.DEADLINE, Errno.EIO, 0, 30_000_000_000L);
        j.record(Op.READ, 100, 8, 4, Effect.CORRUPTED, 0, 0, 10);
        j.record(Op.FLUSH, 0, 0, 5, 0, Errno.EIO, 0, 10);
        String s = JournalReport.summary(j.entries(0), j.total(), j.capacity());
        assertEquals("""
                20 requests
                3 write errors (EIO) on sectors 229376-231424
                12 writes dropped on sectors 4096-4192
                1 request stalled 30.0 s, then EIO (write on sectors 100-108)
                1 read corrupted on sectors 100-108
                1 flush error (EIO)
                """, s);
    }

    @Test
    void theSummarySaysWhenOldEntriesWereNotRetained() {
        Journal j = new Journal(16, 0);
        IntStream.range(0, 20).forEach(i -> j.record(Op.READ, i, 1, 0, 0, 0, 0, 1));
        assertTrue(JournalReport.summary(j.entries(0), j.total(), j.capacity())
                .startsWith("20 requests (the oldest 4 not retained; ring of 16)\n"));
    }

    @Test
    void saveJournalWritesSummaryCountersAndEntries() throws Exception {
        try (FaultEngine dev = Disk.open(dir, 1 << 12)) {
            dev.loadTable("229376 2048 error write\n");
        } catch (TableSyntaxException expected) {
            assertTrue(expected.getMessage().contains("past the end of the device"));
        }
        try (FaultEngine dev = Disk.open(dir, 1 << 19)) {
            dev.loadTable("229376 2048 error write\n");
            for (int i = 0; i < 3; i++) {
                assertEquals(Errno.EIO, Disk.write(dev, 229376 + 8L * i, 8, 1));
            }
            assertEquals(0, Disk.write(dev, 0, 8, 1));
            Path file = dir.resolve("results/journal.txt");
            dev.saveJournal(file);
            String text = Files.readString(file);
            assertTrue(text.contains("# summary\n4 requests\n3 write errors (EIO) on sectors 229376-229400\n"), text);
            assertTrue(text.contains("write_errors 3\n"), text);
            assertTrue(text.matches("(?s).*\\n0 \\d+\\.\\d{6}s WRITE 229376\\+8 EIO \\d+us - \\[229376 2048 error write errno=EIO\\]\\n.*"),
                    text);
            assertTrue(text.contains(" WRITE 0+8 ok "), text);
            assertEquals(2, dev.journalTail(2).size());
        }
    }
}
