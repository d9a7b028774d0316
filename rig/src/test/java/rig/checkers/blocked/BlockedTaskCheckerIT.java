package rig.checkers.blocked;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rig.checkers.ItContext;
import rig.checkers.LoopFs;
import rig.devices.own.Registry;
import rig.sys.Exec;

/** A real task in D state: a write to a frozen filesystem (fsfreeze) blocks until thaw. */
class BlockedTaskCheckerIT {

    @TempDir
    Path tmp;

    @Test
    void aWriterBlockedOnAFrozenFilesystemIsReportedWithItsStack() throws Exception {
        assumeTrue(LoopFs.available("btrfs") && Exec.onPath("fsfreeze"), "needs root, losetup, mkfs.btrfs, fsfreeze");
        Registry registry = Registry.open(tmp.resolve("state"));
        Path seqres = tmp.resolve("rig/900");
        try (LoopFs fs = LoopFs.create(registry, "btrfs", 256, null)) {
            BlockedTaskChecker checker = new BlockedTaskChecker();
            ItContext ctx = new ItContext("rig/900", seqres, Map.of("RIG_BLOCKED_THRESHOLD", "1"), ItContext.plain(), false);
            checker.start(ctx);
            Exec.run(Duration.ofSeconds(30), "fsfreeze", "-f", fs.mnt.toString()).orThrow();
            CompletableFuture<Exec.Result> writer;
            try {
                writer = CompletableFuture.supplyAsync(() -> {
                    try {
                        return Exec.run(Duration.ofSeconds(60), "dd", "if=/dev/zero", "of=" + fs.file("x"), "bs=4k",
                                "count=1");
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                assertTrue(rig.checkers.Await.until(() -> checker.poll(ctx), () -> checker.blocked().stream()
                        .anyMatch(t -> t.comm().equals("dd") && t.stillBlocked())), "dd is reported blocked: " + checker.blocked());
            } finally {
                Exec.run(Duration.ofSeconds(30), "fsfreeze", "-u", fs.mnt.toString()).orThrow();
            }
            assertTrue(writer.get(60, TimeUnit.SECONDS).ok(), "dd finished after the thaw");
            List<String> findings = checker.finish(ctx);
            List<String> dd = findings.stream().filter(f -> f.startsWith("task dd:")).toList();
            assertEquals(1, dd.size(), findings::toString);
            assertTrue(dd.get(0).matches("task dd:\\d+ blocked [1-9]\\d* s in \\w+ \\(then woke up\\)"), dd.get(0));
            String evidence = Files.readString(Path.of(seqres + ".blocked"));
            assertTrue(evidence.contains("[<0>]"), "the /proc stack is saved: " + evidence);
            System.out.println(findings + "\n" + evidence);
        }
    }
}
