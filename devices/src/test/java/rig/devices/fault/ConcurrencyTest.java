package rig.devices.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rig.sys.Errno;

/** Serving threads with their own buffers while tables are swapped and stalls released. */
class ConcurrencyTest {

    @TempDir
    Path dir;

    @Test
    void requestsRaceTableSwapsWithoutLossOrLeak() throws Exception {
        String[] tables = {"", "0 64 error write\n", "0 - drop\n", "64 64 stall write deadline=50ms\n",
            "0 32 torn keep=1 then=ack\n32 32 corrupt\n", "cache volatile\n", "cache writethrough\n"};
        try (FaultEngine dev = Disk.open(dir, 4096)) {
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong requests = new AtomicLong(), unexpected = new AtomicLong();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int id = t;
                Thread th = new Thread(() -> {
                    ByteBuffer buf = Disk.buffer(8192);
                    long i = 0;
                    while (!stop.get()) {
                        long sector = ((i * 37 + id * 11) % 500) * 8;
                        int r = switch ((int) (i % 4)) {
                            case 0 -> dev.write(sector * 512, buf, i % 8 == 0);
                            case 1 -> dev.read(sector * 512, buf);
                            case 2 -> dev.flush();
                            default -> dev.discard(sector * 512, 4096);
                        };
                        if (r != 0 && r != Errno.EIO) {
                            unexpected.incrementAndGet();
                        }
                        requests.incrementAndGet();
                        i++;
                    }
                });
                threads.add(th);
                th.start();
            }
            // at least 200 swaps, and on until the serving threads made progress (a loaded machine
            // may starve them for a while); the minute is a guard against a hang, not a speed bound
            long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            for (int k = 0; k < 200 || (requests.get() <= 100 && System.nanoTime() < giveUp); k++) {
                dev.loadTable(tables[k % tables.length]);
                if (k % 5 == 0) {
                    dev.releaseStalls();
                }
                if (k % 17 == 0) {
                    dev.powerCut();
                }
                Thread.sleep(1);
            }
            stop.set(true);
            dev.loadTable("");
            dev.releaseStalls();
            for (Thread th : threads) {
                th.join(10_000);
                assertTrue(!th.isAlive(), "serving thread finished");
            }
            assertEquals(0, unexpected.get());
            String c = dev.counters().text();
            assertTrue(c.contains("in_flight 0\n"), c);
            assertTrue(c.contains("stalled_now 0\n"), c);
            assertTrue(c.contains("suspended 0\n"), c);
            assertTrue(c.contains("journal_entries " + requests.get() + "\n"), requests + "\n" + c);
            assertTrue(requests.get() > 100, "made progress: " + requests.get());
        }
    }
}
