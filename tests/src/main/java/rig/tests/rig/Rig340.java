package rig.tests.rig;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import rig.check.api.Fstest;
import rig.devices.loop.LoopDevice;
import rig.devices.own.Claim;
import rig.devices.own.Registry;
import rig.fstest.FstestBase;
import rig.fstest.fs.BtrfsChunks;
import rig.fstest.fs.Filesystem;
import rig.fstest.io.AlignedBuffer;
import rig.fstest.io.OpenFile;
import rig.fstest.io.Pattern;
import rig.sys.Exec;
import rig.sys.Fiemap;
import rig.sys.LibC;
import rig.sys.SparseFile;

/**
 * Mirrors that differ ("btrfs: allocate bounce pages for direct IO"): user space may change a
 * direct write's buffer while the write is in flight, and btrfs then writes each RAID1 copy from
 * the buffer as it was at a different moment. On a two-device RAID1 (data and metadata, mounted
 * nodatasum, so the write stays direct) a thread rewrites the buffer while direct writes are in
 * flight; then each mirror's copy of every block of the file is read from its device at its
 * physical offset (btrfs' chunk map) and the two are compared. A kernel that bounces the pages (or
 * falls back to buffered I/O) leaves identical mirrors; otherwise each differing block is named
 * with its file offset and both physical offsets.
 */
@Fstest(id = "rig/340", groups = {"raid", "dio", "mirror"}, timeoutSeconds = 180, directWrites = true)
public class Rig340 extends FstestBase {
    static final long DEVICE_SIZE = 1L << 30;
    static final int WRITE = 8 << 20;
    static final int WRITES = 4;
    static final int BLOCK = 4096;
    static final int MAX_REPORTED = 8;

    private final Registry registry = Registry.open();

    @Override
    protected void test() throws Exception {
        requireFstyp("btrfs");
        requireCommand("mkfs.btrfs");

        echo("Format a two-device RAID1, mounted nodatasum");
        List<LoopDevice> pool = List.of(device("a"), device("b"));
        Path mnt = Files.createTempDirectory("rig-" + seq().replace('/', '-') + "-raid1-");
        onCleanup(() -> Files.deleteIfExists(mnt));
        Exec.Result mkfs = Exec.run(Duration.ofMinutes(2), "mkfs.btrfs", "-f", "-d", "raid1", "-m", "raid1",
                pool.get(0).path().toString(), pool.get(1).path().toString());
        full().println("# mkfs.btrfs -f -d raid1 -m raid1 " + pool.get(0).path() + " " + pool.get(1).path());
        full().print(mkfs.output());
        mkfs.orThrow();
        Exec.run(Duration.ofMinutes(1), "btrfs", "device", "scan", pool.get(1).path().toString()).orThrow();
        Filesystem raid = new Filesystem("POOL", pool.get(0).path().toString(), mnt, "btrfs", "", "-o nodatasum",
                java.util.Map.of(), full());
        raid.mount();
        onCleanup(raid::unmountQuietly);

        echo("Direct writes while another thread changes their buffer");
        Path file = mnt.resolve("mirrored");
        writeWhileChanging(file);

        echo("Compare the mirrors");
        tamper(file, pool);
        compareMirrors(file, pool);
    }

    /** Nothing here; rig/341 changes one mirror behind the filesystem's back, to prove the comparison fails. */
    protected void tamper(Path file, List<LoopDevice> pool) throws Exception {
    }

    /** The device offset of copy {@code devid} (1 or 2) of the file's block at logical file offset 0. */
    static long firstBlockOn(Path file, LoopDevice any, int devid) throws Exception {
        Fiemap.Extent e = Fiemap.of(file).get(0);
        BtrfsChunks.Chunk c = BtrfsChunks.of(any.path().toString()).at(e.physical()).orElseThrow();
        return c.physicalOf(e.physical(), stripeOf(c, devid));
    }

    /** A rig-owned loop device over a sparse 1 GiB file in /dev/shm, removed after the test. */
    private LoopDevice device(String name) throws IOException {
        Path backing = Path.of("/dev/shm", "rig-" + ProcessHandle.current().pid() + "-" + seq().replace('/', '-')
                + "-" + name + ".img");
        Claim claim = registry.claim(Claim.Kind.BACKING_FILE, backing.toString());
        onCleanup(() -> {
            Files.deleteIfExists(backing);
            registry.release(claim);
        });
        SparseFile.create(backing, DEVICE_SIZE);
        LoopDevice loop = LoopDevice.attach(registry, backing, 512, true);
        onCleanup(loop::close);
        return loop;
    }

    /** {@value #WRITES} direct writes of 8 MiB while a thread keeps rewriting every page of the buffer. */
    private void writeWhileChanging(Path file) throws Exception {
        AlignedBuffer buf = AlignedBuffer.filled(WRITE, Pattern.of(0x11));
        AtomicBoolean stop = new AtomicBoolean();
        Thread changer = new Thread(() -> {
            ByteBuffer b = buf.bytes();
            byte v = 0x22;
            while (!stop.get()) {
                for (int off = 0; off < WRITE; off += BLOCK) {
                    b.put(off, v);
                    b.put(off + BLOCK - 1, v);
                }
                v = (byte) (v == 0x7f ? 0x22 : v + 1);
            }
        }, "rig-340-changer");
        changer.start();
        try (OpenFile f = OpenFile.open(file, LibC.O_CREAT | LibC.O_WRONLY | LibC.O_DIRECT)) {
            for (int i = 0; i < WRITES; i++) {
                var t = f.pwrite(buf.bytes(), (long) i * WRITE);
                full().println("direct write " + i + ": " + t);
            }
            f.fsync();
        } finally {
            stop.set(true);
            changer.join();
        }
        sync();
    }

    /** Reads both copies of every block of the file from the devices and names the blocks that differ. */
    private void compareMirrors(Path file, List<LoopDevice> pool) throws Exception {
        BtrfsChunks chunks = BtrfsChunks.of(pool.get(0).path().toString());
        List<String> differ = new ArrayList<>();
        long blocks = 0;
        ByteBuffer one = AlignedBuffer.allocate(BLOCK).bytes();
        ByteBuffer two = AlignedBuffer.allocate(BLOCK).bytes();
        try (OpenFile d1 = OpenFile.open(pool.get(0).path(), LibC.O_RDONLY | LibC.O_DIRECT);
             OpenFile d2 = OpenFile.open(pool.get(1).path(), LibC.O_RDONLY | LibC.O_DIRECT)) {
            for (Fiemap.Extent e : Fiemap.of(file)) {
                for (long off = 0; off < e.length(); off += BLOCK) {
                    long logical = e.physical() + off;
                    BtrfsChunks.Chunk c = chunks.at(logical).orElseThrow(() ->
                            new IllegalStateException("no chunk holds logical address " + logical));
                    long p1 = c.physicalOf(logical, stripeOf(c, 1));
                    long p2 = c.physicalOf(logical, stripeOf(c, 2));
                    d1.pread(one.clear(), p1);
                    d2.pread(two.clear(), p2);
                    blocks++;
                    if (one.clear().compareTo(two.clear()) != 0) {
                        differ.add("mirrors differ at file offset " + (e.logical() + off) + " (" + BLOCK + " bytes): devid 1"
                                + " physical " + p1 + ", devid 2 physical " + p2);
                    }
                }
            }
        }
        full().println("compared " + blocks + " blocks of both mirrors: " + differ.size() + " differ");
        differ.stream().limit(MAX_REPORTED).forEach(this::echo);
        if (differ.size() > MAX_REPORTED) {
            echo("... and " + (differ.size() - MAX_REPORTED) + " more blocks");
        }
    }

    private static int stripeOf(BtrfsChunks.Chunk c, int devid) {
        for (int i = 0; i < c.stripes().size(); i++) {
            if (c.stripes().get(i).devid() == devid) {
                return i;
            }
        }
        throw new IllegalStateException("chunk " + c + " has no copy on devid " + devid + " (not RAID1?)");
    }
}
