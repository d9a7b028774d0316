package rig.devices.fault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rig.devices.fault.Disk.concat;
import static rig.devices.fault.Disk.pattern;
import static rig.devices.fault.Disk.repeat;
import static rig.devices.fault.Disk.write;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rig.sys.Errno;

/** Stalls, suspend/resume, table swaps, power cuts, FUA and abort. */
class ControlTest {

    @TempDir
    Path dir;

    private static void waitFor(java.util.function.BooleanSupplier cond, String what) throws InterruptedException {
        long until = System.nanoTime() + 10_000_000_000L;
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    private static int stalledNow(FaultEngine dev) {
        return Integer.parseInt(dev.counters().lines().filter(l -> l.startsWith("stalled_now ")).findFirst()
                .orElseThrow().substring(12));
    }

    @Test
    void aStalledWriteBlocksUntilReleasedThenCompletes() throws Exception {
        try (FaultEngine dev = Disk.open(dir, 64)) {
            dev.loadTable("0 - stall write\n");
            CompletableFuture<Integer> w = CompletableFuture.supplyAsync(() -> write(dev, 0, 8, 0x42));
            waitFor(() -> stalledNow(dev) == 1, "the write to be held");
            Thread.sleep(100);
            assertFalse(w.isDone(), "held");
            assertEquals(0, dev.read(0, Disk.buffer(512)), "reads are not stalled");
            assertEquals(1, dev.releaseStalls());
            assertEquals(0, w.get(10, TimeUnit.SECONDS));
            assertArrayEquals(repeat(0x42, 8), pattern(dev, 0, 8));
            assertEquals(0, stalledNow(dev));
            assertTrue(dev.journalSummary().contains("1 request stalled"), dev.journalSummary());
        }
    }

    @Test
    void aStallDeadlineFailsTheRequestWithItsErrno() throws Exception {
        try (FaultEngine dev = Disk.open(dir, 64)) {
            dev.loadTable("0 - stall write deadline=200ms errno=ETIMEDOUT\n");
            long t0 = System.nanoTime();
            assertEquals(Errno.ETIMEDOUT, write(dev, 0, 8, 0x42));
            assertTrue(System.nanoTime() - t0 >= 200_000_000L);
            dev.loadTable("");
            assertArrayEquals(repeat(0, 8), pattern(dev, 0, 8), "nothing written");
            assertTrue(dev.journalSummary().contains("1 request stalled 0.2 s, then ETIMEDOUT (write on sectors 0-8)"),
                    dev.journalSummary());
        }
    }

    @Test
    void aTableLoadDoesNotWaitForHeldRequestsWhichThenFollowTheResume() throws Exception {
        try (FaultEngine dev = Disk.open(dir, 64)) {
            dev.loadTable("0 - stall write\n");
            CompletableFuture<Integer> w = CompletableFuture.supplyAsync(() -> write(dev, 0, 8, 0x42));
            waitFor(() -> stalledNow(dev) == 1, "the write to be held");
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> dev.loadTable("0 - pass\n"));
            assertEquals("0 64 pass\n", dev.table(), "the new table is in force while the write is held");
            dev.suspend();
            assertEquals(1, dev.releaseStalls());
            Thread.sleep(100);
            assertFalse(w.isDone(), "released while suspended: waits for the resume");
            dev.resume();
            assertEquals(0, w.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void suspendWaitsForInFlightRequestsAndHoldsNewOnesUntilResume() throws Exception {
        try (FaultEngine dev = Disk.open(dir, 64)) {
            dev.loadTable("0 8 delay latency=400ms\n");
            AtomicBoolean slowDone = new AtomicBoolean();
            CompletableFuture<Integer> slow = CompletableFuture.supplyAsync(() -> {
                int r = write(dev, 0, 8, 0x11);
                slowDone.set(true);
                return r;
            });
            waitFor(() -> dev.counters().contains("in_flight 1\n"), "the slow write to be in flight");
            dev.suspend();
            assertTrue(slowDone.get(), "suspend returned only after the in-flight write finished");
            CompletableFuture<Integer> later = CompletableFuture.supplyAsync(() -> write(dev, 16, 8, 0x22));
            Thread.sleep(150);
            assertFalse(later.isDone(), "a new request waits while suspended");
            assertTrue(dev.counters().contains("suspended 1\n"));
            dev.loadTable("16 8 error write\n");
            assertFalse(later.isDone(), "loading while suspended by suspend() keeps it suspended");
            dev.resume();
            assertEquals(Errno.EIO, later.get(10, TimeUnit.SECONDS), "it meets the table in force at resume");
            assertEquals(0, slow.get());
        }
    }

    @Test
    void aBadTableChangesNothing() throws Exception {
        try (FaultEngine dev = Disk.open(dir, 64)) {
            dev.loadTable("0 8 error\n");
            assertThrows(TableSyntaxException.class, () -> dev.loadTable("0 8 pass\n8 8 bogus\n"));
            assertEquals("0 8 error errno=EIO\n", dev.table());
        }
    }

    @Test
    void powerCutLosesExactlyTheWritesSinceTheLastFlush() throws Exception {
        try (FaultEngine dev = Disk.open(dir, 64)) {
            dev.loadTable("cache volatile\n");
            assertEquals(0, write(dev, 0, 8, 0xA1));
            assertEquals(0, dev.flush());
            assertEquals(0, write(dev, 4, 8, 0xB2));
            assertEquals(0, write(dev, 20, 4, 0xC3));
            assertEquals(0, write(dev, 6, 2, 0xD4));
            assertArrayEquals(concat(repeat(0xA1, 4), repeat(0xB2, 2), repeat(0xD4, 2), repeat(0xB2, 4)),
                    pattern(dev, 0, 12), "reads see the cached writes");
            assertTrue(dev.counters().contains("cached_sectors 12\n"), dev.counters());
            dev.powerCut();
            assertArrayEquals(concat(repeat(0xA1, 8), repeat(0, 16)), pattern(dev, 0, 24));
            assertTrue(dev.counters().contains("sectors_lost_to_power_cuts 12\n"), dev.counters());
            assertTrue(dev.table().startsWith("cache volatile\n"), "a table without a cache line keeps the mode");
        }
    }

    @Test
    void aFuaWriteSurvivesThePowerCutAndDiscardsAreCachedToo() throws Exception {
        try (FaultEngine dev = Disk.open(dir, 64)) {
            dev.loadTable("cache volatile\n");
            assertEquals(0, write(dev, 0, 8, 0x11));
            assertEquals(0, dev.flush());
            assertEquals(0, write(dev, 0, 4, 0x22));
            assertEquals(0, dev.write(8 * 512, Disk.filled(4, 0x33), true));
            assertEquals(0, dev.discard(4 * 512, 4 * 512));
            dev.powerCut();
            assertArrayEquals(concat(repeat(0x11, 8), repeat(0x33, 4)), pattern(dev, 0, 12));
        }
    }

    @Test
    void aFuaWriteOverCachedSectorsKeepsItsData() throws Exception {
        try (FaultEngine dev = Disk.open(dir, 64)) {
            dev.loadTable("cache volatile\n");
            assertEquals(0, write(dev, 0, 8, 0x22));
            assertEquals(0, dev.write(0, Disk.filled(4, 0x44), true));
            dev.powerCut();
            assertArrayEquals(concat(repeat(0x44, 4), repeat(0, 4)), pattern(dev, 0, 8));
        }
    }

    @Test
    void aDroppedFuaWriteKeepsTheCachedWriteBeneathItVolatile() throws Exception {
        try (FaultEngine dev = Disk.open(dir, 64)) {
            dev.loadTable("cache volatile\n");
            assertEquals(0, write(dev, 0, 8, 0x22));
            dev.loadTable("0 - drop\n");
            assertEquals(0, dev.write(0, Disk.filled(8, 0x44), true));
            dev.loadTable("");
            assertArrayEquals(repeat(0x22, 8), pattern(dev, 0, 8), "the FUA write was dropped");
            dev.powerCut();
            assertArrayEquals(repeat(0, 8), pattern(dev, 0, 8), "the unflushed write beneath is still lost");
        }
    }

    @Test
    void powerCutInWritethroughModeLosesNothing() throws Exception {
        try (FaultEngine dev = Disk.open(dir, 64)) {
            assertEquals(0, write(dev, 0, 8, 0x22));
            dev.powerCut();
            assertArrayEquals(repeat(0x22, 8), pattern(dev, 0, 8));
            assertTrue(dev.counters().contains("power_cuts 1\n"));
        }
    }

    @Test
    void aDroppedFlushLeavesTheCacheVolatile() throws Exception {
        try (FaultEngine dev = Disk.open(dir, 64)) {
            dev.loadTable("cache volatile\n0 - drop flush\n");
            assertEquals(0, write(dev, 0, 8, 0x22));
            assertEquals(0, dev.flush());
            dev.powerCut();
            assertArrayEquals(repeat(0, 8), pattern(dev, 0, 8));
        }
    }

    @Test
    void writethroughMakesTheCachedWritesDurable() throws Exception {
        try (FaultEngine dev = Disk.open(dir, 64)) {
            dev.loadTable("cache volatile\n");
            assertEquals(0, write(dev, 0, 8, 0x22));
            dev.loadTable("cache writethrough\n");
            dev.powerCut();
            assertArrayEquals(repeat(0x22, 8), pattern(dev, 0, 8));
            assertEquals("", dev.table());
        }
    }

    @Test
    void abortFailsHeldAndNewRequestsAndRunsTheTransportsHook() throws Exception {
        try (FaultEngine dev = Disk.open(dir, 64)) {
            AtomicBoolean hook = new AtomicBoolean();
            dev.onAbort(() -> hook.set(true));
            dev.loadTable("0 - stall write\n");
            CompletableFuture<Integer> w = CompletableFuture.supplyAsync(() -> write(dev, 0, 8, 0x42));
            waitFor(() -> stalledNow(dev) == 1, "the write to be held");
            dev.abort();
            assertEquals(Errno.EIO, w.get(10, TimeUnit.SECONDS));
            assertTrue(hook.get());
            assertEquals(Errno.EIO, dev.read(0, Disk.buffer(512)));
            assertTrue(dev.counters().contains("requests_aborted 2\n"), dev.counters());
        }
    }
}
