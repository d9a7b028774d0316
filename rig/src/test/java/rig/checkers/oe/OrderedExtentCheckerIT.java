package rig.checkers.oe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rig.checkers.DirectIo;
import rig.checkers.ItContext;
import rig.checkers.LoopFs;
import rig.checkers.gaps.ExpectationLog;
import rig.checkers.gaps.Pattern;
import rig.devices.own.Registry;

/** The ledger on the real kernel: btrfs on a loop device, O_DIRECT writes, umount. */
class OrderedExtentCheckerIT {

    @TempDir
    Path tmp;

    @Test
    void seesAddAndRemoveAndReportsNothingAfterUmount() throws Exception {
        assumeTrue(LoopFs.available("btrfs"), "needs root, losetup, mkfs.btrfs and /dev/shm");
        assumeTrue(Files.isDirectory(Path.of("/sys/kernel/tracing")), "needs tracefs");
        Registry registry = Registry.open(tmp.resolve("state"));
        Path seqres = tmp.resolve("results/rig/900");
        try (LoopFs fs = LoopFs.create(registry, "btrfs", 512, null);
             OrderedExtentChecker checker = new OrderedExtentChecker(registry)) {
            ItContext ctx = new ItContext("rig/900", seqres, Map.of("TEST_DEV", fs.device, "RIG_OE_GRACE", "10"),
                    ItContext.plain(), false);
            checker.start(ctx);
            Path instance = Path.of(registry.claims().stream()
                    .filter(c -> c.kind() == rig.devices.own.Claim.Kind.TRACE_INSTANCE).findFirst().orElseThrow().resource());
            assertTrue(Files.isDirectory(instance), instance + " exists while the test runs");
            assertTrue(instance.getFileName().toString().startsWith("rig-" + ProcessHandle.current().pid() + "-"));

            ExpectationLog log = ExpectationLog.create(seqres);
            DirectIo.write(log, fs.file("f"), 0, 1 << 20, Pattern.seeded(1));
            DirectIo.write(log, fs.file("f"), 1 << 20, 1 << 20, Pattern.seeded(1));
            fs.unmount();

            List<String> findings = checker.finish(ctx);
            assertEquals(List.of(), findings);
            String oe = Files.readString(Path.of(seqres + ".oe"));
            assertTrue(oe.contains("result: clean"), oe);
            assertTrue(oe.contains("events missing on this kernel: none"), oe);
            Map<String, Integer> counts = checker.ledger().counts();
            assertTrue(counts.getOrDefault(OeEvent.ADD, 0) >= 2, counts::toString);
            assertTrue(counts.getOrDefault(OeEvent.REMOVE, 0) >= 2, counts::toString);
            assertTrue(counts.getOrDefault(OeEvent.FINISH, 0) >= 2, counts::toString);

            checker.close();
            assertFalse(Files.exists(instance), instance + " removed by close()");
            assertTrue(registry.claims().stream().noneMatch(c -> c.kind() == rig.devices.own.Claim.Kind.TRACE_INSTANCE));
            System.out.println(oe);
        }
    }
}
