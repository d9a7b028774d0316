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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
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

    /** A request on a thread of its own, so that the test can see where it waits. */
    private static final class Request {
        final CompletableFuture<Integer> result = new CompletableFuture<>();
        final Thread thread;

        Request(IntSupplier call) {
            thread = new Thread(() -> {
                try {
                    result.complete(call.getAsInt());
                } catch (Throwable t) {
                    result.completeExceptionally(t);
                }
            }, "request");
            thread.setDaemon(true);
            thread.start();
        }

        /** Returns once the request waits at the engine's gate (a new request while suspended). */
        void awaitWaitingAtTheGate() throws InterruptedException {
            waitFor(() -> thread.getState() == Thread.State.WAITING && Arrays.stream(thread.getStackTrace())
                    .anyMatch(f -> f.getClassName().equals(Gate.class.getName()) && f.getMethodName().equals("enter")),
                    "the request to wait at the gate");
        }
    }

    private static int stalledNow(FaultEngine dev) {
        return Integer.parseInt(dev.counters().text().lines().filter(l -> l.startsWith("stalled_now ")).findFirst()
                .orElseThrow().substring(12));
    }

    @Test
    void aStalledWriteBlocksUntilReleasedThenCompletes() throws Exception {
        try (FaultEngine dev = Disk.open(dir, 64)) {
            dev.loadTable("0 - stall write\n");
            Request w = new Request(() -> write(dev, 0, 8, 0x42));
            waitFor(() -> stalledNow(dev) == 1, "the write to be held");
            assertFalse(w.result.isDone(), "held");
            assertEquals(0, dev.read(0, Disk.buffer(512)), "reads are not stalled");
            assertEquals(1, dev.releaseStalls());
            assertEquals(0, w.result.get(10, TimeUnit.SECONDS));
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
            // how long past its deadline the request ran depends on the scheduler: at least 0.2 s
            // (JournalTest checks the exact wording with fixed times)
            Matcher m = java.util.regex.Pattern.compile(
                    "1 request stalled (\\d+\\.\\d) s, then ETIMEDOUT \\(write on sectors 0-8\\)")
                    .matcher(dev.journalSummary());
            assertTrue(m.find(), dev.journalSummary());
            assertTrue(Double.parseDouble(m.group(1)) >= 0.2, dev.journalSummary());
        }
    }

    @Test
    void aTableLoadDoesNotWaitForHeldRequestsWhichThenFollowTheResume() throws Exception {
        try (FaultEngine dev = Disk.open(dir, 64)) {
            dev.loadTable("0 - stall write\n");
            Request w = new Request(() -> write(dev, 0, 8, 0x42));
            waitFor(() -> stalledNow(dev) == 1, "the write to be held");
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> dev.loadTable("0 - pass\n"));
            assertEquals("0 64 pass\n", dev.table(), "the new table is in force while the write is held");
            dev.suspend();
            assertEquals(1, dev.releaseStalls());
            w.awaitWaitingAtTheGate();
            assertFalse(w.result.isDone(), "released while suspended: waits for the resume");
            dev.resume();
            assertEquals(0, w.result.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void suspendWaitsForInFlightRequestsAndHoldsNewOnesUntilResume() throws Exception {
        GatedBacking[] gate = new GatedBacking[1];
        try (FaultEngine dev = GatedBacking.engine(dir, 64, gate)) {
            Request slow = new Request(() -> write(dev, 0, 8, 0x11));
            assertTrue(gate[0].entered.await(10, TimeUnit.SECONDS), "the slow write to be in flight");
            assertTrue(dev.counters().text().contains("in_flight 1\n"), dev.counters().text());
            CompletableFuture<Void> suspend = new Request(() -> {
                dev.suspend();
                return 0;
            }).result.thenAccept(r -> { });
            waitFor(() -> dev.counters().text().contains("suspended 1\n"), "the suspend to begin");
            assertFalse(suspend.isDone(), "suspend waits while the write is in flight");
            gate[0].open.countDown();
            suspend.get(10, TimeUnit.SECONDS);
            assertTrue(dev.counters().text().contains("in_flight 0\n"), dev.counters().text());
            byte[] stored = Arrays.copyOf(Files.readAllBytes(dev.backingFile()), 8 * Disk.SECTOR);
            byte[] slowData = new byte[8 * Disk.SECTOR];
            Arrays.fill(slowData, (byte) 0x11);
            assertArrayEquals(slowData, stored, "suspend returned only after the in-flight write finished");
            Request later = new Request(() -> write(dev, 16, 8, 0x22));
            later.awaitWaitingAtTheGate();
            assertFalse(later.result.isDone(), "a new request waits while suspended");
            assertTrue(dev.counters().text().contains("suspended 1\n"));
            dev.loadTable("16 8 error write\n");
            assertFalse(later.result.isDone(), "loading while suspended by suspend() keeps it suspended");
            dev.resume();
            assertEquals(Errno.EIO, later.result.get(10, TimeUnit.SECONDS), "it meets the table in force at resume");
            assertEquals(0, slow.result.get(10, TimeUnit.SECONDS));
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
            assertTrue(dev.counters().text().contains("cached_sectors 12\n"), dev.counters().text());
            dev.powerCut();
            assertArrayEquals(concat(repeat(0xA1, 8), repeat(0, 16)), pattern(dev, 0, 24));
            assertTrue(dev.counters().text().contains("sectors_lost_to_power_cuts 12\n"), dev.counters().text());
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
            assertTrue(dev.counters().text().contains("power_cuts 1\n"));
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
            Request w = new Request(() -> write(dev, 0, 8, 0x42));
            waitFor(() -> stalledNow(dev) == 1, "the write to be held");
            dev.abort();
            assertEquals(Errno.EIO, w.result.get(10, TimeUnit.SECONDS));
            assertTrue(hook.get());
            assertEquals(Errno.EIO, dev.read(0, Disk.buffer(512)));
            assertTrue(dev.counters().text().contains("requests_aborted 2\n"), dev.counters().text());
        }
    }
}
