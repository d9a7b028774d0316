package rig.devices.fault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rig.devices.fault.Disk.concat;
import static rig.devices.fault.Disk.pattern;
import static rig.devices.fault.Disk.repeat;
import static rig.devices.fault.Disk.write;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rig.sys.Errno;

/** Each rule's semantics on a real backing file. */
class RulesTest {

    @TempDir
    Path dir;

    @Test
    void errorFailsTheMatchingOperationsAndLeavesTheDataAlone() throws Exception {
        try (FaultEngine dev = Disk.open(dir, 64)) {
            assertEquals(0, write(dev, 0, 16, 0x11));
            dev.loadTable("8 8 error write\n");
            assertEquals(Errno.EIO, write(dev, 8, 8, 0x22));
            assertEquals(0, write(dev, 0, 8, 0x33), "outside the range: pass");
            assertArrayEquals(concat(repeat(0x33, 8), repeat(0x11, 8)), pattern(dev, 0, 16), "reads pass");
            dev.loadTable("8 8 error read errno=ENOSPC\n");
            assertEquals(Errno.ENOSPC, dev.read(8 * 512, Disk.buffer(4096)));
            assertEquals(0, write(dev, 8, 8, 0x44));
            dev.loadTable("");
            assertArrayEquals(repeat(0x44, 8), pattern(dev, 8, 8));
        }
    }

    @Test
    void aRequestSpanningRangesIsSplitAndEachPieceMeetsItsRule() throws Exception {
        try (FaultEngine dev = Disk.open(dir, 64)) {
            dev.loadTable("4 4 error write\n8 4 drop\n");
            assertEquals(Errno.EIO, write(dev, 0, 16, 0x55), "the error piece fails the whole request");
            dev.loadTable("");
            assertArrayEquals(concat(repeat(0x55, 4), repeat(0, 8), repeat(0x55, 4)), pattern(dev, 0, 16),
                    "pass pieces written, error piece not, dropped piece not");
            assertTrue(dev.journalTail(2).get(0).contains("[4 4 error write errno=EIO]"), dev.journalTail(2).toString());
        }
    }

    @Test
    void dropAcknowledgesWritesAndLosesThem() throws Exception {
        try (FaultEngine dev = Disk.open(dir, 64)) {
            assertEquals(0, write(dev, 0, 8, 0x11));
            dev.loadTable("0 - drop\n");
            assertEquals(0, write(dev, 0, 8, 0x22));
            assertEquals(0, dev.discard(0, 4096));
            assertArrayEquals(repeat(0x11, 8), pattern(dev, 0, 8));
            assertTrue(dev.counters().text().contains("writes_dropped 2\n"), dev.counters().text());
        }
    }

    @Test
    void tornPersistsTheFirstSectorsThenFailsOrAcknowledges() throws Exception {
        try (FaultEngine dev = Disk.open(dir, 64)) {
            dev.loadTable("0 16 torn keep=3\n16 16 torn keep=2 then=ack\n");
            assertEquals(Errno.EIO, write(dev, 0, 8, 0x77));
            assertArrayEquals(concat(repeat(0x77, 3), repeat(0, 5)), pattern(dev, 0, 8));
            assertEquals(0, write(dev, 16, 8, 0x66));
            assertArrayEquals(concat(repeat(0x66, 2), repeat(0, 6)), pattern(dev, 16, 8));
            assertEquals(0, write(dev, 24, 2, 0x65), "a write within keep is whole");
            assertArrayEquals(repeat(0x65, 2), pattern(dev, 24, 2));
            assertTrue(dev.journalSummary().contains("1 write torn on sectors 0-8, then EIO"), dev.journalSummary());
        }
    }

    @Test
    void corruptOnReadFlipsTheReturnedBytesOnly() throws Exception {
        try (FaultEngine dev = Disk.open(dir, 64)) {
            assertEquals(0, write(dev, 0, 8, 0x5a));
            dev.loadTable("0 8 corrupt bytes=3 seed=5\n");
            ByteBuffer b = Disk.buffer(4096);
            assertEquals(0, dev.read(0, b));
            assertEquals(3, differing(b, 0x5a));
            dev.loadTable("");
            assertArrayEquals(repeat(0x5a, 8), pattern(dev, 0, 8), "the backing file is intact");
        }
    }

    @Test
    void corruptOnWriteStoresFlippedBytesAndRestoresTheCallersBuffer() throws Exception {
        try (FaultEngine dev = Disk.open(dir, 64)) {
            dev.loadTable("0 8 corrupt write bytes=2 seed=5\n");
            ByteBuffer w = Disk.filled(8, 0x5a);
            assertEquals(0, dev.write(0, w, false));
            assertEquals(0, differing(w, 0x5a), "caller's buffer restored");
            ByteBuffer r = Disk.buffer(4096);
            assertEquals(0, dev.read(0, r), "reads pass");
            assertEquals(2, differing(r, 0x5a));
        }
    }

    private static int differing(ByteBuffer b, int value) {
        int n = 0;
        for (int i = b.position(); i < b.limit(); i++) {
            if ((b.get(i) & 0xff) != value) {
                n++;
            }
        }
        return n;
    }

    @Test
    void flakeyModesWhileDown() throws Exception {
        try (FaultEngine dev = Disk.open(dir, 64)) {
            assertEquals(0, write(dev, 0, 8, 0x11));
            dev.loadTable("0 - flakey up=0s down=1h drop_writes\n");
            assertEquals(0, write(dev, 0, 8, 0x22));
            assertArrayEquals(repeat(0x11, 8), pattern(dev, 0, 8), "dropped; reads pass");
            dev.loadTable("0 - flakey up=0s down=1h error_writes\n");
            assertEquals(Errno.EIO, write(dev, 0, 8, 0x22));
            assertArrayEquals(repeat(0x11, 8), pattern(dev, 0, 8));
            dev.loadTable("0 - flakey up=0s down=1h\n");
            assertEquals(Errno.EIO, dev.read(0, Disk.buffer(512)), "error mode fails reads too");
            dev.loadTable("0 - flakey up=1h down=1h\n");
            assertEquals(0, write(dev, 0, 8, 0x33), "up");
            assertArrayEquals(repeat(0x33, 8), pattern(dev, 0, 8));
        }
    }

    @Test
    void flakeyGoesDownAfterItsUpTime() throws Exception {
        try (FaultEngine dev = Disk.open(dir, 64)) {
            dev.loadTable("0 - flakey up=300ms down=1h error_writes\n");
            long loaded = System.nanoTime();
            int first = write(dev, 0, 1, 1);
            boolean stillUp = System.nanoTime() - loaded < 300_000_000L;
            Thread.sleep(400);
            assertEquals(Errno.EIO, write(dev, 0, 1, 2), "down after 300 ms");
            if (stillUp) {
                assertEquals(0, first, "up right after the load");
            }
        }
    }

    @Test
    void delayHoldsTheRequestAtLeastItsLatency() throws Exception {
        try (FaultEngine dev = Disk.open(dir, 64)) {
            dev.loadTable("0 - delay latency=150ms\n");
            long t0 = System.nanoTime();
            assertEquals(0, write(dev, 0, 8, 0x11));
            assertTrue(System.nanoTime() - t0 >= 150_000_000L);
            assertTrue(dev.counters().text().contains("requests_delayed 1\n"), dev.counters().text());
        }
    }

    @Test
    void jitteredDelaysReplayWithTheSameSeed() throws Exception {
        Rules.Delay a = new Rules.Delay(0, 8, Rule.RW, new Trigger(0, 1, 0, 1.0, 0), 10_000_000, 5_000_000, 42);
        Rules.Delay b = new Rules.Delay(0, 8, Rule.RW, new Trigger(0, 1, 0, 1.0, 0), 10_000_000, 5_000_000, 42);
        Rules.Delay c = new Rules.Delay(0, 8, Rule.RW, new Trigger(0, 1, 0, 1.0, 0), 10_000_000, 5_000_000, 43);
        List<Long> la = new ArrayList<>(), lb = new ArrayList<>(), lc = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            la.add(a.nextLatency());
            lb.add(b.nextLatency());
            lc.add(c.nextLatency());
        }
        assertEquals(la, lb);
        assertNotEquals(la, lc);
        assertTrue(la.stream().allMatch(l -> l >= 5_000_000 && l <= 15_000_000), la.toString());
        assertTrue(la.stream().distinct().count() > 40, "jittered");
    }

    @Test
    void aFlushRuleFailsOrDropsFlushes() throws Exception {
        try (FaultEngine dev = Disk.open(dir, 64)) {
            dev.loadTable("0 - error flush errno=EROFS\n");
            assertEquals(Errno.EROFS, dev.flush());
            assertEquals(0, write(dev, 0, 8, 1), "writes are not named: they pass");
            dev.loadTable("0 - error\n");
            assertEquals(0, dev.flush(), "a plain error rule leaves flushes alone");
            dev.loadTable("0 - drop flush\n");
            assertEquals(0, dev.flush());
            assertTrue(dev.counters().text().contains("flushes_dropped 1\n"), dev.counters().text());
        }
    }
}
