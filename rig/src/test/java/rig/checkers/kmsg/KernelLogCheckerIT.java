package rig.checkers.kmsg;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rig.checkers.ItContext;

/** The kmsg window on the real kernel, with a harmless WARNING-shaped line written to /dev/kmsg. */
class KernelLogCheckerIT {

    @TempDir
    Path tmp;

    static final String FAKE = "WARNING: CPU: 0 PID: 1 at fs/rig/selftest.c:1 %s+0x0/0x10 [rig selftest, not a kernel bug]";

    @Test
    void anInjectedWarningFailsTheTestAndIsSavedInDmesg() throws Exception {
        assumeTrue(Files.isWritable(Path.of("/dev/kmsg")), "needs a writable /dev/kmsg (root)");
        Path seqres = tmp.resolve("rig/900");
        String line = String.format(FAKE, "rig_selftest_unexpected_" + ProcessHandle.current().pid());
        try (KernelLogChecker checker = new KernelLogChecker()) {
            ItContext ctx = new ItContext("rig/900", seqres, Map.of(), ItContext.plain(), false);
            checker.start(ctx);
            KmsgWindow.write("rig selftest: harmless line before the warning");
            KmsgWindow.write(line);
            checker.poll(ctx);
            List<String> findings = checker.finish(ctx);
            assertTrue(findings.contains("kernel log: " + line + " (see 900.dmesg)"), findings::toString);
            String dmesg = Files.readString(Path.of(seqres + ".dmesg"));
            assertTrue(dmesg.contains("rig selftest: harmless line before the warning"), dmesg);
            assertTrue(dmesg.contains(line), dmesg);
            assertTrue(!dmesg.contains("rig: start rig/900"), "markers are not part of the window: " + dmesg);
            assertTrue(!Files.exists(Path.of(seqres + ExpectedKernelLog.SUFFIX)), "nothing declared, no .dmesg.expected");
            System.out.println(findings);
        }
    }

    @Test
    void aDeclaredExpectedWarningPasses() throws Exception {
        assumeTrue(Files.isWritable(Path.of("/dev/kmsg")), "needs a writable /dev/kmsg (root)");
        Path seqres = tmp.resolve("rig/901");
        String line = String.format(FAKE, "rig_selftest_expected");
        try (KernelLogChecker checker = new KernelLogChecker()) {
            ItContext ctx = new ItContext("rig/901", seqres, Map.of(), ItContext.expectingWarning(), false);
            checker.start(ctx);
            KmsgWindow.write(line);
            List<String> findings = checker.finish(ctx);
            // other tests on this shared host may log in the same window: only ours must be accepted
            assertTrue(findings.stream().noneMatch(f -> f.contains("rig_selftest_expected")), findings::toString);
            assertTrue(Files.readString(Path.of(seqres + ".dmesg")).contains(line));
            // the declaration is saved beside the window for rig triage, and read back as the checker applied it
            List<String> expected = Files.readAllLines(Path.of(seqres + ExpectedKernelLog.SUFFIX));
            assertTrue(expected.contains("rig_selftest_expected"), expected::toString);
            ExpectedKernelLog back = ExpectedKernelLog.beside(seqres.getParent(), "901").orElseThrow();
            assertTrue(back.declares("[    1.000000] " + line), back.patterns()::toString);
        }
    }
}
