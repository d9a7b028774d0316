package rig.tests.rig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import rig.check.api.Fstest;
import rig.fstest.FstestBase;
import rig.fstest.io.AlignedBuffer;
import rig.fstest.io.Aio;
import rig.fstest.io.OpenFile;
import rig.fstest.io.Pattern;
import rig.fstest.io.Transfer;
import rig.sys.LibC;

/**
 * O_DSYNC direct writes and the inode lock (the "BTRFS DIO inode locking/D_SYNC fix" series: an
 * O_DSYNC direct write syncs while it holds or waits for locks that fallocate and truncate take):
 * one thread loops 1 MiB O_DIRECT|O_DSYNC writes, in turn within EOF, extending EOF and through
 * the kernel's AIO with RWF_DSYNC, while another loops fallocate(ZERO_RANGE) and ftruncate on the
 * same file, with every write to the device delayed. Both loops must finish; a deadlock is ended
 * by the runner, which names each blocked task and the function it waits in.
 */
@Fstest(id = "rig/330", groups = {"auto", "quick", "rw", "dsync", "prealloc"}, timeoutSeconds = 120, directWrites = true)
public class Rig330 extends FstestBase {
    static final int MIB = 1 << 20;
    static final long MAX_SIZE = 16L * MIB;
    static final int ROUNDS = 48;
    static final int WRITE_DELAY_MS = 5;

    private final List<String> unexpected = new CopyOnWriteArrayList<>();
    private final java.util.Map<String, Integer> done = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    protected void test() throws Exception {
        requireScratch();
        requireDmTarget("delay");
        requireOdirect();

        echo("Format and mount with delayed writes");
        scratch().mkfs();
        delay().init();
        delay().mount();
        Path file = scratchMnt().resolve("dsync");
        try (OpenFile f = OpenFile.open(file, LibC.O_CREAT | LibC.O_WRONLY)) {
            f.ftruncate(4L * MIB);
        }
        slowDevice();

        echo("O_DIRECT|O_DSYNC writes against fallocate(ZERO_RANGE) and ftruncate");
        Thread writer = new Thread(() -> guarded("writer", () -> writes(file)), "rig-330-writer");
        Thread changer = new Thread(() -> guarded("fallocate/truncate", () -> sizeChanges(file)), "rig-330-changer");
        writer.start();
        changer.start();
        writer.join();
        changer.join();
        echo("Both loops finished");
        full().println("calls that returned: " + new java.util.TreeMap<>(done));
        unexpected.forEach(this::echo);

        delay().loadDelayTable(rig.fstest.dm.DmDelay.DELAY_NONE);
        delay().unmount();
        delay().cleanup();
    }

    /** Every device write delayed; rig/331 stalls them instead. */
    protected void slowDevice() throws Exception {
        delay().loadWriteDelayTable(WRITE_DELAY_MS);
    }

    /** The writer: within EOF, extending EOF, and AIO with RWF_DSYNC, in turn. */
    private void writes(Path file) throws Exception {
        AlignedBuffer buf = AlignedBuffer.filled(MIB, Pattern.of(0x5a));
        try (OpenFile dsync = OpenFile.open(file, LibC.O_WRONLY | LibC.O_DIRECT | LibC.O_DSYNC);
             OpenFile direct = OpenFile.open(file, LibC.O_WRONLY | LibC.O_DIRECT);
             Aio aio = Aio.available() ? Aio.setup() : null) {
            for (int i = 0; i < ROUNDS; i++) {
                long size = Files.size(file);
                long within = size > MIB ? (i * (long) MIB) % (size - MIB) / 4096 * 4096 : 0;
                switch (i % 3) {
                    case 0 -> check("pwrite within EOF", dsync.pwrite(buf.bytes(), within));
                    case 1 -> check("pwrite extending EOF", dsync.pwrite(buf.bytes(), Math.min(size, MAX_SIZE) / 4096 * 4096));
                    default -> {
                        if (aio != null) {
                            long r = aio.pwrite(direct, buf.pointer(), MIB, within, Aio.RWF_DSYNC);
                            check("aio write", r < 0 ? new Transfer(MIB, 0, (int) -r) : new Transfer(MIB, r, 0));
                        }
                    }
                }
            }
        }
    }

    /** The other thread: fallocate(ZERO_RANGE) over 1 MiB and ftruncate, at sizes within 16 MiB. */
    private void sizeChanges(Path file) throws Exception {
        try (OpenFile f = OpenFile.open(file, LibC.O_WRONLY)) {
            for (int i = 0; i < ROUNDS; i++) {
                long at = (i * 3L % 15) * MIB;
                f.fallocate(LibC.FALLOC_FL_ZERO_RANGE, at, MIB);
                f.ftruncate(((i * 7L) % 16 + 1) * MIB);
                done.merge("fallocate+ftruncate", 1, Integer::sum);
            }
        }
    }

    /** A short transfer is normal (a truncate may race it); an error is not. */
    private void check(String what, Transfer t) {
        done.merge(what + (t.isShort() ? " (short)" : ""), 1, Integer::sum);
        if (t.failed()) {
            unexpected.add(what + " failed: " + t.describeError());
        }
    }

    private interface Loop {
        void run() throws Exception;
    }

    private void guarded(String name, Loop loop) {
        try {
            loop.run();
        } catch (Exception e) {
            unexpected.add(name + " loop stopped: " + e.getMessage());
            full().println(name + " loop stopped: " + e);
        }
    }
}
