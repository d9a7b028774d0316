package rig.checkers.oe;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rig.checkers.ItContext;
import rig.checkers.LoopFs;
import rig.checkers.gaps.ExpectationLog;
import rig.checkers.gaps.Pattern;
import rig.devices.own.Claim;
import rig.devices.own.Registry;
import rig.sys.Exec;

/**
 * IOERR over acknowledged bytes on the real kernel: btrfs on a loop device whose backing file
 * lives on a 48 MiB tmpfs. Buffered writes of 64 MiB are all acknowledged; at writeback the
 * backing file cannot grow (ENOSPC), the loop device fails the bios with EIO, and the ordered
 * extents finish with IOERR: the ledger must name those ranges as gaps in the making.
 */
class GapInTheMakingIT {

    @TempDir
    Path tmp;

    @Test
    void ioerrOverAcknowledgedBufferedWritesIsAGapInTheMaking() throws Exception {
        assumeTrue(LoopFs.available("btrfs"), "needs root, losetup, mkfs.btrfs");
        Registry registry = Registry.open(tmp.resolve("state"));
        Path small = Files.createDirectory(tmp.resolve("small"));
        Exec.run(Duration.ofSeconds(30), "mount", "-t", "tmpfs", "-o", "size=48m", "rig-checkers-small", small.toString())
                .orThrow();
        Claim tmpfs = registry.claim(Claim.Kind.MOUNT, small.toString());
        Path seqres = tmp.resolve("results/rig/905");
        try (LoopFs fs = LoopFs.create(registry, small, null, "btrfs", 512, null, "-m", "single");
             OrderedExtentChecker oe = new OrderedExtentChecker(registry)) {
            ItContext ctx = new ItContext("rig/905", seqres, Map.of("TEST_DEV", fs.device, "RIG_OE_GRACE", "10"),
                    ItContext.plain(), false);
            oe.start(ctx);
            ExpectationLog log = ExpectationLog.create(seqres);
            Path f = fs.file("fill");
            Pattern p = Pattern.seeded(905);
            ByteBuffer buf = ByteBuffer.allocate(1 << 20);
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                for (long off = 0; off < (64 << 20); off += 1 << 20) {
                    buf.clear();
                    p.fill(buf, off);
                    int n = ch.write(buf, off);
                    log.record(f, off, 1 << 20, p, n);
                }
            }
            Exec.Result sync = Exec.run(Duration.ofSeconds(60), "sync", "-f", f.toString());
            List<String> findings = oe.finish(ctx);
            System.out.println("syncfs: " + sync.exitCode() + " " + sync.stderr().strip());
            System.out.println(String.join("\n", findings));
            assertFalse(sync.ok(), "syncfs reports the lost writeback");
            assertTrue(!findings.isEmpty() && findings.size() <= 3, findings::toString);
            assertTrue(findings.stream().allMatch(l -> l.matches("gap in the making: ino 257 \\[\\d+, \\d+\\) of "
                    + java.util.regex.Pattern.quote(f.toString()) + " finished with IOERR although writes? #\\d+(-#\\d+)? "
                    + "acknowledged it \\(see 905.oe\\)")), findings::toString);
        } finally {
            Exec.run(Duration.ofSeconds(30), "umount", small.toString()).orThrow();
            registry.release(tmpfs);
        }
    }
}
