package rig.checkers.fsck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rig.checkers.ItContext;
import rig.checkers.LoopFs;
import rig.devices.own.Registry;
import rig.sys.Exec;

/** fsck on the real tools: clean filesystems pass, a deliberately zeroed btrfs tree block fails. */
class FsckCheckerIT {

    @TempDir
    Path tmp;

    @Test
    void cleanBtrfsPassesAndMountedIsSkipped() throws Exception {
        assumeTrue(LoopFs.available("btrfs") && Exec.onPath("btrfs"), "needs root, losetup, btrfs-progs");
        Registry registry = Registry.open(tmp.resolve("state"));
        try (LoopFs fs = LoopFs.create(registry, "btrfs", 256, null)) {
            Files.writeString(fs.file("a"), "hello");
            ItContext ctx = new ItContext("rig/900", tmp.resolve("900"), Map.of("SCRATCH_DEV", fs.device, "FSTYP", "btrfs"),
                    ItContext.plain(), false);
            assertEquals(List.of(), new FsckChecker().finish(ctx));
            assertTrue(Files.readString(Path.of(tmp.resolve("900") + ".fsck")).contains(
                    "SCRATCH_DEV: skipped " + fs.device + ": the test did not require the scratch device"));
            requireScratch(tmp.resolve("900"));
            assertEquals(List.of(), new FsckChecker().finish(ctx));
            assertTrue(Files.readString(Path.of(tmp.resolve("900") + ".fsck")).contains("skipped " + fs.device + ": mounted at"));
            fs.unmount();
            requireScratch(tmp.resolve("900"));
            assertEquals(List.of(), new FsckChecker().finish(ctx));
            String out = Files.readString(Path.of(tmp.resolve("900") + ".fsck"));
            assertTrue(out.contains("btrfs check --readonly " + fs.device + ": exit 0 (clean)"), out);
        }
    }

    @Test
    void zeroedRootTreeBlockIsCorruption() throws Exception {
        assumeTrue(LoopFs.available("btrfs") && Exec.onPath("btrfs"), "needs root, losetup, btrfs-progs");
        Registry registry = Registry.open(tmp.resolve("state"));
        try (LoopFs fs = LoopFs.create(registry, "btrfs", 256, null, "-m", "single", "-d", "single")) {
            for (int i = 0; i < 50; i++) {
                Files.writeString(fs.file("f" + i), "data " + i);
            }
            fs.unmount();
            String sup = Exec.run(Duration.ofSeconds(60), "btrfs", "inspect-internal", "dump-super", fs.device).orThrow().stdout();
            long root = Long.parseLong(field(sup, "^root\\s+(\\d+)"));
            String map = Exec.run(Duration.ofSeconds(60), "btrfs-map-logical", "-l", Long.toString(root), fs.device)
                    .orThrow().output();
            long physical = Long.parseLong(field(map, "physical (\\d+)"));
            try (RandomAccessFile dev = new RandomAccessFile(fs.device, "rw")) {
                dev.seek(physical);
                dev.write(new byte[16384]);
                dev.getFD().sync();
            }
            Path seqres = tmp.resolve("901");
            ItContext ctx = new ItContext("rig/901", seqres, Map.of("SCRATCH_DEV", fs.device, "FSTYP", "btrfs"),
                    ItContext.plain(), false);
            requireScratch(seqres);
            List<String> findings = new FsckChecker().finish(ctx);
            assertEquals(1, findings.size(), findings::toString);
            assertTrue(findings.get(0).startsWith("fsck of SCRATCH_DEV btrfs check --readonly " + fs.device + ": exit "),
                    findings.get(0));
            assertTrue(findings.get(0).endsWith("(corrupt) (see 901.fsck)"), findings.get(0));
            System.out.println("root tree at logical " + root + " physical " + physical + "\n" + findings
                    + "\n" + Files.readString(Path.of(seqres + ".fsck")));
        }
    }

    @Test
    void cleanExt4AndXfsPass() throws Exception {
        for (String type : List.of("ext4", "xfs")) {
            assumeTrue(LoopFs.available(type), "needs mkfs." + type);
            Registry registry = Registry.open(tmp.resolve("state"));
            try (LoopFs fs = LoopFs.create(registry, type, 320, null)) {
                fs.unmount();
                Fsck.Result r = Fsck.check(fs.device, null, Duration.ofSeconds(120));
                assertTrue(r.ran() && r.ok(), r.summary() + "\n" + r.output());
                assertEquals(type, r.fstype());
            }
        }
    }

    /** What rig.fstest's requireScratch() leaves for the checker, as fstests' require_scratch file. */
    private static void requireScratch(Path seqres) throws java.io.IOException {
        Files.createDirectories(seqres.getParent());
        Files.writeString(seqres.resolveSibling(rig.check.api.CheckFlags.REQUIRE_SCRATCH), "");
    }

    private static String field(String text, String regex) {
        Matcher m = java.util.regex.Pattern.compile(regex, java.util.regex.Pattern.MULTILINE).matcher(text);
        if (!m.find()) {
            throw new AssertionError("no " + regex + " in:\n" + text);
        }
        return m.group(1);
    }
}
