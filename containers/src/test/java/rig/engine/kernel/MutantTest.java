package rig.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rig.results.Status;

/** The mutants the rig ships (kernel/mutants/6.1) say what they break and which test catches them. */
class MutantTest {
    private static final Path SHIPPED = Path.of(System.getProperty("user.dir")).getParent().resolve("kernel/mutants/6.1");

    @Test
    void everyShippedMutantNamesATestAndASignature() throws Exception {
        Mutant a = Mutant.read(SHIPPED.resolve("a-partial-dio-ioerr.patch"));
        assertEquals(List.of(new Mutant.Expectation("generic/708", Detection.Sign.GAPS)), a.expected());
        assertTrue(a.description().startsWith("(a) seed 000 before its fix: a partial direct write's ordered extent is finished with"),
                a.description());
        assertEquals(Detection.Sign.HUNG, Mutant.read(SHIPPED.resolve("b-partial-dio-never-finished.patch")).expected().get(0).sign());
        assertEquals("rig/300", Mutant.read(SHIPPED.resolve("c-dsync-dio-not-synced.patch")).expected().get(0).test());
    }

    @Test
    void aPatchWithoutAnExpectationIsABlindMutantThatAnyFailureCatches(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("x.patch");
        Files.writeString(p, "From 1234 Mon Sep 17 00:00:00 2001\nSubject: [PATCH] btrfs: forget to finish an ordered extent\n"
                + "---\n fs/btrfs/inode.c | 1 -\ndiff --git a/fs/btrfs/inode.c b/fs/btrfs/inode.c\n");
        Mutant blind = Mutant.read(p);
        assertTrue(blind.blind());
        assertEquals("[PATCH] btrfs: forget to finish an ordered extent", blind.description());
        Map<String, Detection> row = new LinkedHashMap<>();
        row.put("generic/250", new Detection(Status.PASS, Set.of()));
        row.put("generic/708", new Detection(Status.FAIL, EnumSet.of(Detection.Sign.HUNG, Detection.Sign.OE)));
        row.put("rig/320", new Detection(Status.NOTRUN, Set.of()));
        assertEquals("caught: generic/708 hung+oe", KernelDetect.mutantVerdict(blind, row));
        row.put("generic/708", new Detection(Status.PASS, Set.of()));
        assertEquals("MISSED (no test failed)", KernelDetect.mutantVerdict(blind, row));
    }

    @Test
    void anExpectationMustNameAKnownSignature(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("x.patch");
        Files.writeString(p, "Rig-Expect: generic/708 slow\n--- a/x\n");
        assertTrue(assertThrows(BadBuildException.class, () -> Mutant.read(p)).getMessage()
                .endsWith("unknown signature slow; use one of gaps, hung, mismatch, kmsg, oe, fsck, other"));
        Files.writeString(p, "Rig-Expect: generic/708\n--- a/x\n");
        assertTrue(assertThrows(BadBuildException.class, () -> Mutant.read(p)).getMessage()
                .contains("write Rig-Expect: TEST SIGNATURE (gaps, hung,"));
    }

    @Test
    void anExpectedSignatureOnAnotherTestIsAWrongSignatureNotACatch() throws Exception {
        Mutant b = Mutant.read(SHIPPED.resolve("b-partial-dio-never-finished.patch"));
        Map<String, Detection> row = new LinkedHashMap<>();
        row.put("generic/708", new Detection(Status.FAIL, EnumSet.of(Detection.Sign.GAPS)));
        assertTrue(KernelDetect.mutantVerdict(b, row).startsWith("WRONG SIGNATURE"), KernelDetect.mutantVerdict(b, row));
        row.put("generic/708", new Detection(Status.FAIL, EnumSet.of(Detection.Sign.HUNG, Detection.Sign.OE)));
        assertEquals("caught: generic/708 hung", KernelDetect.mutantVerdict(b, row));
    }
}
