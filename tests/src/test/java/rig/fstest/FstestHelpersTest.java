package rig.fstest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rig.check.api.NotRunException;
import rig.check.api.TestEnv;
import rig.check.api.TestExitException;

/** The helpers of {@link FstestBase} against fstests' common/rc and common/exit (at 63a29724). */
class FstestHelpersTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream full = new ByteArrayOutputStream();

    /** A test body that calls the helpers (protected, so reachable from this package). */
    @FunctionalInterface
    private interface Body {
        void run(FstestBase t) throws Exception;
    }

    /** Runs {@code body} as test generic/708 with its results in {@code dir}. */
    private void run(Body body) throws Exception {
        run(Map.of("FSTYP", "btrfs"), body);
    }

    private void run(Map<String, String> config, Body body) throws Exception {
        Path seqres = dir.resolve("generic/708");
        Files.createDirectories(seqres.getParent());
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream f = new PrintStream(full, true, StandardCharsets.UTF_8);
        TestEnv env = new TestEnv() {
            @Override public String id() { return "generic/708"; }
            @Override public PrintStream out() { return o; }
            @Override public PrintStream full() { return f; }
            @Override public Path seqres() { return seqres; }
            @Override public Map<String, String> config() { return config; }
        };
        new FstestBase() {
            @Override
            protected void test() throws Exception {
                body.run(this);
            }
        }.run(env);
    }

    @Test
    void fixedByKernelCommitWritesTheHintAsFstestsDoes() throws Exception {
        run(t -> t.fixedByKernelCommit("b73a6fd1b1ef", "btrfs: split partial dio bios before submit"));
        assertEquals("HINT: You _MAY_ be missing kernel fix:\n      b73a6fd1b1ef btrfs: split partial dio bios before submit\n\n",
                Files.readString(dir.resolve("generic/708.hints")));
    }

    @Test
    void failEchoesToTranscriptAndFullThenEndsWithExitStatusOne() {
        TestExitException e = assertThrows(TestExitException.class, () -> run(t -> {
            throw t.fail("failed doing the dio copy");
        }));
        assertEquals(1, e.status());
        assertEquals("failed doing the dio copy\n(see " + dir.resolve("generic/708") + ".full for details)\n",
                out.toString(StandardCharsets.UTF_8));
        assertTrue(full.toString(StandardCharsets.UTF_8).contains("failed doing the dio copy\n"));
    }

    @Test
    void requireFsSpaceSaysItInWholeGigabytes() throws Exception {
        run(t -> t.requireFsSpace(dir, 1));
        NotRunException e = assertThrows(NotRunException.class, () -> run(t -> t.requireFsSpace(dir, 1L << 40)));
        assertEquals("This test requires at least 1048576GB free on " + dir + " to run", e.getMessage());
    }

    /** _require_scratch touches $RESULT_DIR/require_scratch (so check fscks SCRATCH after the test); _nocheck does not. */
    @Test
    void requireScratchLeavesTheFsckFlagAndNocheckDoesNot() throws Exception {
        Path dev = Files.writeString(dir.resolve("scratch.img"), "");
        Path mnt = Files.createDirectories(dir.resolve("scratch"));
        Map<String, String> cfg = Map.of("FSTYP", "btrfs", "SCRATCH_DEV", dev.toString(), "SCRATCH_MNT", mnt.toString());
        Path flag = dir.resolve("generic/" + rig.check.api.CheckFlags.REQUIRE_SCRATCH);
        run(cfg, FstestBase::requireScratchNocheck);
        assertTrue(Files.notExists(flag), "nocheck: no fsck flag");
        run(cfg, FstestBase::requireScratch);
        assertTrue(Files.exists(flag));
        NotRunException e = assertThrows(NotRunException.class, () -> run(Map.of("FSTYP", "btrfs"), FstestBase::requireScratch));
        assertEquals("this test requires a valid $SCRATCH_DEV", e.getMessage());
    }

    /** _scratch_sync is syncfs of SCRATCH_MNT, or sync(1) when it does not exist. */
    @Test
    void scratchSyncIsSyncfsOfTheMountPoint() throws Exception {
        Path mnt = Files.createDirectories(dir.resolve("scratch"));
        Path dev = Files.writeString(dir.resolve("scratch.img"), "");
        run(Map.of("SCRATCH_DEV", dev.toString(), "SCRATCH_MNT", mnt.toString()), t -> {
            t.requireScratchNocheck();
            t.scratchSync();
        });
        SystemOps.syncFs(dir.resolve("no-such-dir"));
    }

    @Test
    void fileBlockSizeOfADirectoryAndFstestsComplaintOtherwise() throws Exception {
        run(t -> assertTrue(t.fileBlockSize(dir) >= 512));
        Path file = Files.writeString(dir.resolve("f"), "x");
        IOException e = assertThrows(IOException.class, () -> run(t -> t.fileBlockSize(file)));
        assertEquals("Missing mount point argument for _get_file_block_size", e.getMessage());
    }
}
