package rig.checkers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rig.checkers.blocked.BlockedTaskChecker;
import rig.checkers.gaps.ExpectationLog;
import rig.checkers.gaps.GapReport;
import rig.checkers.gaps.GapVerifier;
import rig.checkers.gaps.Pattern;
import rig.checkers.oe.OrderedExtentChecker;
import rig.devices.java.JavaDevice;
import rig.devices.own.Claim;
import rig.devices.own.Registry;
import rig.sys.Exec;
import rig.sys.Fiemap;
import rig.sys.LibC;

/**
 * The checkers' positive controls on the injectable Java device (FUSE + loop): a stalled write
 * must show as a hung ordered extent and blocked tasks; dropped data writes as an exact
 * zero-filled gap; dropped writes over a pre-filled device as stale data.
 */
class JavaDeviceControlsIT {

    static final Duration T = Duration.ofSeconds(60);

    @TempDir
    Path tmp;
    private JavaDevice device;
    private Path mnt;
    private Registry registry;
    private Claim mountClaim;

    private void create(String name, String fstype, String... mountOptions) throws Exception {
        assumeTrue(LoopFs.available(fstype) && Files.exists(Path.of("/dev/fuse")), "needs root, /dev/fuse, mkfs." + fstype);
        registry = Registry.open(tmp.resolve("state"));
        device = JavaDevice.create(registry, new JavaDevice.Settings(name + "-" + ProcessHandle.current().pid(),
                256L << 20, Path.of("/dev/shm")));
        Exec.run(T, "mkfs." + fstype, fstype.equals("ext4") ? "-Fq" : "-f", device.path().toString()).orThrow();
        mnt = Files.createDirectory(tmp.resolve("mnt"));
        mount(mountOptions);
    }

    private void mount(String... options) throws Exception {
        if (options.length == 0) {
            Exec.run(T, "mount", device.path().toString(), mnt.toString()).orThrow();
        } else {
            Exec.run(T, "mount", "-o", String.join(",", options), device.path().toString(), mnt.toString()).orThrow();
        }
        mountClaim = registry.claim(Claim.Kind.MOUNT, mnt.toString());
    }

    private void unmount() throws Exception {
        if (mountClaim != null) {
            Exec.run(T, "umount", mnt.toString()).orThrow();
            registry.release(mountClaim);
            mountClaim = null;
        }
    }

    @AfterEach
    void cleanup() throws Exception {
        if (device != null) {
            device.control().releaseStalls();
            device.control().loadTable("");
            try {
                unmount();
            } finally {
                device.close();
            }
        }
    }

    @Test
    void stalledWritesAreAHungOrderedExtentAndBlockedTasks() throws Exception {
        create("ctl-stall", "btrfs", "nodatasum");
        Path seqres = tmp.resolve("results/rig/910");
        Map<String, String> config = Map.of("RIG_BLOCKED_THRESHOLD", "1");
        try (OrderedExtentChecker oe = new OrderedExtentChecker(registry)) {
            BlockedTaskChecker blocked = new BlockedTaskChecker();
            ItContext ctx = new ItContext("rig/910", seqres, config, ItContext.plain(), false);
            oe.start(ctx);
            blocked.start(ctx);
            device.control().loadTable("0 - stall write\n");
            CompletableFuture<Exec.Result> dd = StalledBtrfs.background("dd", "if=/dev/zero", "of=" + mnt.resolve("f"),
                    "bs=1M", "count=1", "oflag=direct");
            assertTrue(Await.until(() -> oe.poll(ctx), () -> !oe.hangEvidence().outstanding().isEmpty()),
                    "the direct write's ordered extent appears in the ledger");
            CompletableFuture<Exec.Result> sync = StalledBtrfs.background("sync", "-f", mnt.toString());
            assertTrue(Await.until(() -> blocked.poll(ctx), () -> StallControlIT.blockedPastThreshold(blocked, "dd")),
                    "dd is reported blocked: " + blocked.blocked());
            ItContext hung = new ItContext("rig/910", seqres, config, ItContext.plain(), true);
            List<String> oeFindings = oe.finish(hung);
            List<String> blockedFindings = blocked.finish(hung);
            device.control().loadTable("");
            device.control().releaseStalls();
            assertTrue(dd.get(60, TimeUnit.SECONDS).ok(), "dd completes after the release");
            assertTrue(sync.get(60, TimeUnit.SECONDS).ok(), "syncfs completes after the release");
            System.out.println(String.join("\n", oeFindings) + "\n" + String.join("\n", blockedFindings));
            assertEquals(1, oeFindings.size(), oeFindings::toString);
            assertTrue(oeFindings.get(0).matches("hung ordered extent: fs [0-9a-f-]{36} root 5 ino 257 file offset 0 "
                    + "len 1048576 outstanding \\[0, 1048576\\) bytes_left 1048576 flags REGULAR\\|DIRECT, added by dd:\\d+.*"),
                    oeFindings.get(0));
            assertTrue(blockedFindings.stream().anyMatch(f -> f.matches("task dd:\\d+ blocked \\d+ s in \\w+")),
                    blockedFindings::toString);
        }
    }

    @Test
    void droppedDataWritesAreAnExactZeroFilledGap() throws Exception {
        GapReport report = dropControl("ctl-drop", null);
        assertEquals(List.of("zero-filled gap at [1048576, 3145728) in f: mapped extent at " + physical + " in FIEMAP"),
                report.lines());
    }

    @Test
    void droppedWritesOverOldContentAreStaleData() throws Exception {
        GapReport report = dropControl("ctl-stale", 0xcd);
        assertEquals(List.of("stale data at [1048576, 3145728) in f: mapped extent at " + physical + " in FIEMAP"),
                report.lines());
    }

    private long physical;

    /**
     * ext4 (FIEMAP gives device offsets): preallocate 4 MiB, optionally put old content under it,
     * drop the device writes of [1 MiB, 3 MiB) of it, direct-write 4 MiB, remount, verify.
     */
    private GapReport dropControl(String name, Integer oldByte) throws Exception {
        create(name, "ext4");
        Path f = mnt.resolve("f");
        Files.createFile(f);
        int fd = LibC.INSTANCE.open(f.toString(), LibC.O_RDWR, 0);
        assertEquals(0, LibC.INSTANCE.fallocate(fd, 0, 0, 4 << 20), "fallocate");
        LibC.INSTANCE.fsync(fd);
        LibC.INSTANCE.close(fd);
        List<Fiemap.Extent> ext = Fiemap.of(f);
        assertEquals(1, ext.size(), ext::toString);
        physical = ext.get(0).physical() + (1 << 20);
        ExpectationLog log = ExpectationLog.inMemory();
        if (oldByte != null) {
            unmount();
            byte[] old = new byte[4 << 20];
            java.util.Arrays.fill(old, (byte) (int) oldByte);
            try (RandomAccessFile dev = new RandomAccessFile(device.path().toFile(), "rw")) {
                dev.seek(ext.get(0).physical());
                dev.write(old);
                dev.getFD().sync();
            }
            log.staleDevicePattern(Pattern.fill(oldByte));
            mount();
        }
        device.control().loadTable((physical / 512) + " " + ((2 << 20) / 512) + " drop write\n");
        DirectIo.write(log, f, 0, 4 << 20, Pattern.seeded(77));
        device.control().loadTable("");
        unmount();
        mount();
        GapReport report = GapVerifier.create().verify(log);
        System.out.println(report.text());
        return report;
    }
}
