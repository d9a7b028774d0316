package rig.devices.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rig.devices.own.FuseConnections;
import rig.devices.own.Mounts;
import rig.devices.own.Registry;
import rig.devices.own.Sweeper;
import rig.sys.Exec;
import rig.sys.JavaProcess;
import rig.sys.LibC;

/** The Java device end to end on the real kernel: served by its own process, loop on FUSE. */
class JavaDeviceIT {

    static final long SIZE = 256L << 20;
    @TempDir
    Path tmp;
    Registry registry;
    JavaDevice device;
    Path mnt;

    static String serverMain() {
        return DeviceServer.class.getName();
    }

    /** Whether the device is served by threads of the creating JVM (JavaDeviceInProcessIT) or by a server JVM. */
    boolean inProcess() {
        return false;
    }

    @BeforeEach
    void setUp() throws IOException {
        Assumptions.assumeTrue(Files.isWritable(Path.of("/dev/fuse")) && Files.isWritable(Path.of("/dev/loop-control")),
                "needs root, /dev/fuse and /dev/loop-control");
        registry = Registry.open(tmp.resolve("state"));
        mnt = Files.createDirectories(tmp.resolve("mnt"));
    }

    @AfterEach
    void tearDown() throws IOException {
        try {
            if (Mounts.at(mnt).isPresent()) {
                rig.sys.Unmount.lazily(mnt);
            }
            if (device != null) {
                device.close();
            }
        } finally {
            List<String> left = Sweeper.sweep(registry);
            left.forEach(l -> System.err.println("swept after test: " + l));
        }
    }

    JavaDevice create(String name) throws IOException {
        device = JavaDevice.create(registry, new JavaDevice.Settings(name, SIZE, Path.of("/dev/shm"))
                .withServerMainClass(serverMain()).withServerInProcess(inProcess()));
        return device;
    }

    @Test
    void btrfsOnTheJavaDeviceWritesAndReadsBack() throws Exception {
        Assumptions.assumeTrue(Exec.onPath("mkfs.btrfs"), "needs mkfs.btrfs (btrfs-progs)");
        create("itbtrfs");
        Exec.run(Duration.ofSeconds(120), "mkfs.btrfs", "-f", "-q", device.path().toString()).orThrow();
        Exec.run(Duration.ofSeconds(60), "mount", "-t", "btrfs", device.path().toString(), mnt.toString()).orThrow();
        byte[] data = new byte[3 << 20];
        new Random(7).nextBytes(data);
        Files.write(mnt.resolve("f"), data);
        Exec.run(Duration.ofSeconds(60), "umount", mnt.toString()).orThrow();
        Exec.run(Duration.ofSeconds(60), "mount", "-t", "btrfs", device.path().toString(), mnt.toString()).orThrow();
        assertTrue(java.util.Arrays.equals(data, Files.readAllBytes(mnt.resolve("f"))), "read back after remount");
        Exec.run(Duration.ofSeconds(60), "umount", mnt.toString()).orThrow();
        assertTrue(device.control().counters().completedRequests() > 0);
    }

    @Test
    void aStalledWriteBlocksItsWriterUntilReleased() throws Exception {
        create("itstall");
        device.control().loadTable("0 - stall write\n");
        CompletableFuture<Long> writer = CompletableFuture.supplyAsync(() -> directWrite(device.path(), 1 << 20));
        Thread.sleep(1000);
        assertFalse(writer.isDone(), "the writer is held while its write is stalled");
        assertEquals(1, waitForRelease(), "one stalled request released");
        assertEquals(4096L, writer.get(20, TimeUnit.SECONDS), "the write completes once released");
        device.control().loadTable("");
        assertEquals(4096L, directWrite(device.path(), 2 << 20), "no stall with the empty table");
    }

    /** Releases stalls until one is released (the write may take a moment to reach the engine). */
    private int waitForRelease() throws IOException, InterruptedException {
        for (int i = 0; i < 100; i++) {
            int n = device.control().releaseStalls();
            if (n > 0) {
                return n;
            }
            Thread.sleep(50);
        }
        return 0;
    }

    @Test
    void abortUnsticksAStalledUmount() throws Exception {
        Assumptions.assumeTrue(Exec.onPath("mkfs.ext4"), "needs mkfs.ext4 (e2fsprogs)");
        create("itabort");
        Exec.run(Duration.ofSeconds(60), "mkfs.ext4", "-q", "-F", device.path().toString()).orThrow();
        Exec.run(Duration.ofSeconds(60), "mount", "-t", "ext4", device.path().toString(), mnt.toString()).orThrow();
        Files.write(mnt.resolve("f"), new byte[1 << 20]);
        device.control().loadTable("0 - stall write\n");
        CompletableFuture<Exec.Result> umount = CompletableFuture.supplyAsync(() -> {
            try {
                return Exec.run(Duration.ofSeconds(120), "umount", mnt.toString());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Thread.sleep(2000);
        assertFalse(umount.isDone(), "umount waits for its stalled writes");
        boolean fusectlBefore = Mounts.at(FuseConnections.DIR).isPresent();
        device.abort();
        assertEquals(fusectlBefore, Mounts.at(FuseConnections.DIR).isPresent(),
                "the abort leaves fusectl mounted only if it found it mounted");
        Exec.Result r = umount.get(60, TimeUnit.SECONDS);
        assertFalse(r.timedOut(), "umount finished after the abort: " + r.output());
        assertFalse(Mounts.at(mnt).isPresent(), "nothing mounted any more");
    }

    @Test
    void aDirectWriteIntoAnErrorTableFailsWithEioAtOnce() throws Exception {
        create("iterror");
        device.control().loadTable("0 - error write\n");
        long t0 = System.nanoTime();
        assertEquals(-5L, directWrite(device.path(), 1 << 20), "EIO from the error rule");
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "synchronously, no retries");
        device.control().loadTable("");
        assertEquals(4096L, directWrite(device.path(), 1 << 20));
        assertTrue(String.join("\n", device.control().journalTail(10)).contains("EIO"), "the journal records it");
    }

    @Test
    void sweepAfterKill9OfBothProcessesLeavesNoLoopFuseMountOrMount() throws Exception {
        killAndSweep(true);
    }

    @Test
    void sweepAfterKill9OfTheClientKillsItsServerAndCleansUp() throws Exception {
        killAndSweep(false);
    }

    private void killAndSweep(boolean killServerToo) throws Exception {
        Assumptions.assumeTrue(Exec.onPath("mkfs.ext4"), "needs mkfs.ext4 (e2fsprogs)");
        Path log = tmp.resolve("holder.log");
        JavaProcess holder = JavaProcess.start(List.of(), JavaDeviceHolderMain.class.getName(),
                List.of("itkill", mnt.toString(), serverMain(), inProcess() ? "in-process" : "process"), Map.of("RIG_STATE_DIR", registry.dir().toString()), log);
        try {
            String ready = awaitLine(holder, log, "READY");
            long server = Long.parseLong(ready.replaceAll(".*server=(\\d+).*", "$1"));
            String loop = ready.replaceAll(".*loop=(\\S+).*", "$1");
            holder.kill();
            if (killServerToo) {
                ProcessHandle.of(server).ifPresent(ProcessHandle::destroyForcibly);
                waitGone(server);
            }
            assertTrue(Mounts.at(mnt).isPresent(), "the ext4 mount outlives its owner");

            List<String> report = Sweeper.sweep(registry);
            report.forEach(System.out::println);
            waitGone(server);
            assertFalse(ProcessHandle.of(server).map(ProcessHandle::isAlive).orElse(false), "server gone");

            assertFalse(Mounts.at(mnt).isPresent(), "ext4 mount swept");
            assertTrue(Mounts.list().stream().noneMatch(m -> m.source().equals("rig-itkill")), "FUSE mount swept");
            assertTrue(waitNoLoop(loop), "loop device swept: " + losetup());
            assertTrue(registry.claims().isEmpty(), "claims left: " + registry.claims());
        } finally {
            holder.close();
        }
    }

    static long directWrite(Path dev, long offset) {
        ByteBuffer buf = LibC.allocateAligned(4096);
        int fd = LibC.INSTANCE.open(dev.toString(), LibC.O_RDWR | LibC.O_DIRECT, 0);
        try {
            long n = LibC.INSTANCE.pwrite(fd, LibC.address(buf), 4096, offset);
            return n < 0 ? -LibC.errno() : n;
        } finally {
            LibC.INSTANCE.close(fd);
        }
    }

    static String awaitLine(JavaProcess p, Path log, String prefix) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log)) {
                for (String line : Files.readAllLines(log)) {
                    if (line.startsWith(prefix)) {
                        return line;
                    }
                }
            }
            if (!p.alive()) {
                break;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + prefix + " line: " + (Files.exists(log) ? Files.readString(log) : ""));
    }

    static void waitGone(long pid) throws InterruptedException {
        for (int i = 0; i < 200 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false); i++) {
            Thread.sleep(50);
        }
    }

    static String losetup() throws IOException {
        return Exec.run(Duration.ofSeconds(10), "losetup", "-l", "-n", "-O", "NAME,BACK-FILE").orThrow().stdout();
    }

    static boolean waitNoLoop(String loop) throws Exception {
        for (int i = 0; i < 100; i++) {
            if (losetup().lines().noneMatch(l -> l.startsWith(loop + " ") && l.contains("rig-itkill"))) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }
}
