package rig.devices.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rig.devices.own.Mounts;
import rig.devices.own.Registry;
import rig.devices.own.Sweeper;
import rig.sys.Exec;
import rig.sys.JavaProcess;

class LoopDeviceIT {

    @TempDir
    Path tmp;
    Path backing;
    Registry registry;

    @BeforeEach
    void setUp() throws IOException {
        Assumptions.assumeTrue(Files.isWritable(Path.of("/dev/loop-control")), "needs root and /dev/loop-control");
        backing = Path.of("/dev/shm/rig-loopit-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".img");
        try (var f = new java.io.RandomAccessFile(backing.toFile(), "rw")) {
            f.setLength(64L << 20);
        }
        registry = Registry.open(tmp.resolve("state"));
    }

    @AfterEach
    void tearDown() throws IOException {
        Sweeper.sweep(registry); // anything a failed test left: its owner (a child) is dead by now
        Files.deleteIfExists(backing);
    }

    static List<String> loopsOn(Path backing) throws IOException {
        String out = Exec.run(Duration.ofSeconds(10), "losetup", "-l", "-n", "-O", "NAME,BACK-FILE").orThrow().stdout();
        return out.lines().filter(l -> l.contains(backing.toString())).toList();
    }

    @Test
    void attachesWithDirectIoAndDetachesOnClose() throws Exception {
        Path dev;
        try (LoopDevice loop = LoopDevice.attach(registry, backing, 4096, true)) {
            dev = loop.path();
            assertTrue(dev.toString().matches("/dev/loop\\d+"), dev.toString());
            assertTrue(loop.directIo(), "dio should be on for a tmpfs backing file");
            assertEquals(1, loopsOn(backing).size());
            assertEquals(1, registry.claims().size());
            assertEquals("4096", Files.readString(Path.of("/sys/block", dev.getFileName().toString(),
                    "queue/logical_block_size")).strip());
            byte[] data = new byte[4096];
            java.util.Arrays.fill(data, (byte) 0x5a);
            try (FileChannel ch = FileChannel.open(dev, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(data), 1 << 20);
                ch.force(true);
            }
            byte[] back = new byte[4096];
            try (FileChannel ch = FileChannel.open(backing, StandardOpenOption.READ)) {
                ch.read(ByteBuffer.wrap(back), 1 << 20);
            }
            assertArrayEquals(data, back);
        }
        assertTrue(waitUntilNoLoop(), "loop device still attached after close: " + loopsOn(backing));
        assertTrue(registry.claims().isEmpty());
    }

    @Test
    void aClaimIsMatchedByTheBackingFilesIdentityNotItsPath() throws Exception {
        try (LoopDevice loop = LoopDevice.attach(registry, backing, 4096, true)) {
            String identity = BackingIdentity.of(backing);
            // as seen from another mount namespace: another path, the same file
            String elsewhere = LoopDevice.resource(loop.path(), Path.of("/dev/shm/rig-7-test.img"), identity);
            String anotherFile = LoopDevice.resource(loop.path(), backing, "1@1");
            assertTrue(Sweeper.detachLoop(anotherFile).text().endsWith("left alone"));
            assertEquals(1, loopsOn(backing).size(), "another file's claim detached the device");
            assertTrue(Sweeper.detachLoop(elsewhere).text().startsWith("detached"));
        }
        assertTrue(waitUntilNoLoop(), "left behind: " + loopsOn(backing));
    }

    @Test
    void autoclearDetachesWhenTheHolderIsKilled() throws Exception {
        JavaProcess child = startHolder(Optional.empty());
        try {
            assertEquals(1, loopsOn(backing).size());
            child.kill();
            List<String> report = Sweeper.sweep(registry);
            assertEquals(1, report.size(), report.toString());
            assertTrue(report.get(0).startsWith("LOOP_DEVICE "), report.get(0));
            assertTrue(waitUntilNoLoop(), "left behind: " + loopsOn(backing));
            assertTrue(registry.claims().isEmpty());
        } finally {
            child.close();
        }
    }

    @Test
    void sweepUnmountsAndDetachesWhatAKilledHolderLeft() throws Exception {
        Assumptions.assumeTrue(Exec.onPath("mkfs.ext4"), "needs mkfs.ext4 (e2fsprogs)");
        Path mnt = Files.createDirectories(tmp.resolve("mnt"));
        JavaProcess child = startHolder(Optional.of(mnt));
        try {
            child.kill();
            assertTrue(Mounts.at(mnt).isPresent(), "the mount should survive the kill");
            assertEquals(1, loopsOn(backing).size(), "the mount holds the loop device");
            List<String> report = Sweeper.sweep(registry);
            System.out.println(String.join("\n", report));
            assertEquals(2, report.size(), report.toString());
            assertTrue(report.get(0).startsWith("MOUNT ") && report.get(0).contains("unmounted"), report.get(0));
            assertFalse(Mounts.at(mnt).isPresent());
            assertTrue(waitUntilNoLoop(), "left behind: " + loopsOn(backing));
            assertTrue(registry.claims().isEmpty());
        } finally {
            child.close();
        }
    }

    private JavaProcess startHolder(Optional<Path> mnt) throws Exception {
        List<String> args = mnt.map(m -> List.of(backing.toString(), m.toString())).orElse(List.of(backing.toString()));
        Path log = tmp.resolve("holder.log");
        JavaProcess child = JavaProcess.start(List.of(), LoopHolderMain.class.getName(), args,
                Map.of("RIG_STATE_DIR", registry.dir().toString()), log);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains("READY")) {
                return child;
            }
            if (!child.alive()) {
                break;
            }
            Thread.sleep(50);
        }
        child.kill();
        throw new AssertionError("holder did not get ready: " + (Files.exists(log) ? Files.readString(log) : ""));
    }

    private boolean waitUntilNoLoop() throws IOException, InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (loopsOn(backing).isEmpty()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }
}
