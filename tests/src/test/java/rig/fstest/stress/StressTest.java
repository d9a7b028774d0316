package rig.fstest.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StressTest {

    @Test
    void theModelFollowsWritesTruncatesAndPunches() {
        FileModel m = new FileModel(64 * 1024);
        m.wrote(100, new byte[] {1, 2, 3, 4}, 3);
        assertEquals(103, m.size());
        m.zeroed(101, 1);
        m.truncated(102);
        m.extendedTo(200);
        byte[] file = new byte[200];
        file[100] = 1;
        assertEquals(List.of(), m.compare(0, file, 200));
        file[150] = 9;
        file[151] = 9;
        assertEquals("[150, 152) holds 0x09 where the workload left 0x00", m.compare(0, file, 200).get(0).toString());
    }

    @Test
    void everyOperationIsPickedAndTheWeightsCoverTheDraws() {
        Set<StressOp> seen = EnumSet.noneOf(StressOp.class);
        IntStream.range(0, StressOp.total()).forEach(d -> seen.add(StressOp.pick(d)));
        assertEquals(EnumSet.allOf(StressOp.class), seen);
    }

    @Test
    void contentIsNeverZeroAndDiffersBetweenOperations() {
        for (long at = 0; at < 1 << 20; at += 511) {
            assertNotEquals(0, StressWorker.contentAt(7, at));
            assertNotEquals(StressWorker.contentAt(7, at), StressWorker.contentAt(8, at));
        }
    }

    /** The same seed gives the same calls and results (no cache dropping here: that is host-wide). */
    @Test
    void theSameSeedRepeatsTheWorkloadAndItsVerdict(@TempDir Path dir) throws Exception {
        Workload w = new Workload(42, 2, 300, 2, 256 * 1024);
        String first = run(w, Files.createDirectory(dir.resolve("a")), Stress.Verifier.TOLD_THE_TRUTH, List.of());
        String second = run(w, Files.createDirectory(dir.resolve("b")), Stress.Verifier.TOLD_THE_TRUTH, List.of());
        assertEquals(first, second);
        assertTrue(first.contains("WRITEV_UNMAPPED") && first.contains("READ_HOLE"), first);
    }

    @Test
    void aMisinformedVerifierFindsTheLastWrite(@TempDir Path dir) throws Exception {
        Workload w = new Workload(7, 1, 50, 1, 64 * 1024);
        String log = run(w, dir, Stress.Verifier.MISINFORMED, List.of("t0.f0: "));
        assertTrue(log.contains("t0 #50 WRITE t0.f0 [") && log.contains(" (the verifier is told other bytes)\n"), log);
    }

    @Test
    void aWorkloadNeedsWorkAndWholeBlocks() {
        assertEquals("a workload needs at least one thread, operation and file: 0 threads, 1 operations, 1 files",
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> new Workload(1, 0, 1, 1, 65536)).getMessage());
    }

    /** Runs the workload; asserts no call failed and the verification's findings start as {@code differ}; returns the op log. */
    private static String run(Workload w, Path dir, Stress.Verifier v, List<String> differ) throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Stress.Result r;
        try (PrintStream ops = new PrintStream(log, true, StandardCharsets.UTF_8)) {
            r = Stress.run(w, dir, 0, ops, v);
        }
        assertEquals(List.of(), r.findings());
        List<String> found = r.verify();
        assertEquals(differ.size(), found.size(), found.toString());
        IntStream.range(0, differ.size()).forEach(i -> assertTrue(found.get(i).startsWith(differ.get(i)), found.toString()));
        return Arrays.stream(log.toString(StandardCharsets.UTF_8).split("\n")).sorted().reduce("", (a, b) -> a + b + "\n");
    }
}
