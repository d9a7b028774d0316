package rig.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void aPatchWithoutAnExpectationIsRefusedNamingTheFix(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("x.patch");
        Files.writeString(p, "Rig-Mutant: something\n--- a/fs/btrfs/inode.c\n+++ b/fs/btrfs/inode.c\n");
        assertTrue(assertThrows(BadBuildException.class, () -> Mutant.read(p)).getMessage()
                .endsWith("x.patch has no Rig-Expect: TEST SIGNATURE line: say which test must catch it"));
        Files.writeString(p, "Rig-Expect: generic/708 slow\n--- a/x\n");
        assertTrue(assertThrows(BadBuildException.class, () -> Mutant.read(p)).getMessage()
                .endsWith("unknown signature slow; use gaps, hung, mismatch or kmsg"));
    }
}
