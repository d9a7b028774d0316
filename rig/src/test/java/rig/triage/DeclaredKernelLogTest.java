package rig.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rig.triage.known.Baseline;

/**
 * A test's declared kernel-log lines (NNN.dmesg.expected, from @Fstest(expectedKernelLog)) on rig/101's real
 * results (rig101-expected/SOURCE.txt): its btrfs "csum failed" lines are EXPECTED, never a NEW block, while a
 * WARNING it did not declare in the same NNN.dmesg still makes its signature.
 */
class DeclaredKernelLogTest {
    private static final String CSUM = "checksum failure in btrfs_print_data_csum_error";
    private static final String MISMATCH = "output mismatch in rig/101";
    private static final String IOMAP = "WARNING in iomap_file_buffered_write_punch_delalloc";

    @TempDir
    Path tmp;
    private Path rig;

    /** The fixture copied, so that cases can change a file. */
    @BeforeEach
    void copyFixture() throws Exception {
        Path src = Path.of(DeclaredKernelLogTest.class.getResource("/rig/triage/rig101-expected/results").toURI());
        try (Stream<Path> files = Files.walk(src)) {
            for (Path p : files.toList()) {
                Path dst = tmp.resolve("results").resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dst);
                } else {
                    Files.copy(p, dst);
                }
            }
        }
        rig = tmp.resolve("results/rig");
    }

    private TriageResult triage() throws Exception {
        return Triage.withDefaults().run(tmp.resolve("results"));
    }

    private static Signature titled(TriageResult r, String title) {
        return r.signatures().stream().filter(s -> s.title().equals(title)).findFirst()
                .orElseThrow(() -> new AssertionError(title + " not in " + r.signatures().stream().map(Signature::title).toList()));
    }

    private static List<String> newTitles(TriageResult r) {
        return r.signatures().stream().filter(s -> s.status() == Status.NEW).map(Signature::title).toList();
    }

    @Test
    void declaredCsumFailuresAreExpectedAndTheTestsFailureStaysOneNewBlock() throws Exception {
        TriageResult r = triage();
        assertEquals(List.of(MISMATCH), newTitles(r));
        Signature csum = titled(r, CSUM);
        assertEquals(Status.EXPECTED, csum.status());
        assertEquals(10, csum.count());
        assertEquals(List.of("rig/101"), csum.tests());
        assertTrue(csum.known().describe().contains("@Fstest(expectedKernelLog)"), csum.known().describe());
        assertTrue(csum.evidence().get(0).contains("BTRFS warning (device loop1): csum failed root 5 ino 258 off 0"),
                csum.evidence().toString());
        assertEquals(List.of(), r.warnings());
    }

    /** result.xml's kernel-log element is the same window: the declaration applies to it too. */
    @Test
    void theKernelLogInResultXmlIsJudgedByTheSameDeclaration() throws Exception {
        Files.delete(rig.resolve("101.dmesg"));
        TriageResult r = triage();
        assertEquals(List.of(MISMATCH), newTitles(r));
        Signature csum = titled(r, CSUM);
        assertEquals(Status.EXPECTED, csum.status());
        assertEquals(10, csum.count());
    }

    @Test
    void withoutTheFileTheCsumFailuresAreNewAsBefore() throws Exception {
        Files.delete(rig.resolve("101.dmesg.expected"));
        TriageResult r = triage();
        assertEquals(List.of(CSUM, MISMATCH), newTitles(r).stream().sorted().toList());
    }

    @Test
    void anUndeclaredWarningInTheSameDmesgStillMakesItsSignature() throws Exception {
        insertIomapWarningAfterTheCsumLines();
        TriageResult r = triage();
        // the shipped table knows seed 004's WARNING (a link): KNOWN, as without any declaration
        assertEquals(List.of(MISMATCH), newTitles(r));
        Signature warning = titled(r, IOMAP);
        assertEquals(Status.KNOWN, warning.status());
        assertEquals(Kind.WARNING, warning.kind());
        assertEquals(List.of("rig/101"), warning.tests());
        assertTrue(warning.known().describe().contains("lore.kernel.org"), warning.known().describe());
        assertEquals(Status.EXPECTED, titled(r, CSUM).status());

        // against a baseline that does not hold it, the undeclared WARNING is NEW; the declared lines stay EXPECTED
        Path baseline = Files.writeString(tmp.resolve("baseline.txt"), "# empty\n");
        TriageResult gated = Triage.withDefaults().baseline(Baseline.load(baseline)).run(tmp.resolve("results"));
        assertEquals(List.of(IOMAP, MISMATCH), newTitles(gated).stream().sorted().toList());
        assertEquals(Status.EXPECTED, titled(gated, CSUM).status());
    }

    @Test
    void aWarningTheTestDeclaredIsExpectedToo() throws Exception {
        insertIomapWarningAfterTheCsumLines();
        Files.writeString(rig.resolve("101.dmesg.expected"), "WARNING: CPU: \\d+ PID: \\d+ at fs/iomap/\n",
                StandardOpenOption.APPEND);
        TriageResult r = triage();
        assertEquals(List.of(MISMATCH), newTitles(r));
        // declared by the test: EXPECTED, not KNOWN through the table's link
        Signature warning = titled(r, IOMAP);
        assertEquals(Status.EXPECTED, warning.status());
        assertTrue(warning.known().describe().contains("@Fstest(expectedKernelLog)"), warning.known().describe());
    }

    /** The same lines in a test that did not declare them: the signature is a failure (NEW) for both tests. */
    @Test
    void theSameLinesUndeclaredInAnotherFailedTestAreNew() throws Exception {
        Files.copy(rig.resolve("101.dmesg"), rig.resolve("102.dmesg"));
        Signature csum = titled(triage(), CSUM);
        assertEquals(Status.NEW, csum.status());
        assertEquals(List.of("rig/101", "rig/102"), csum.tests());
    }

    @Test
    void anUnreadableDeclarationIsAWarningAndTheLogIsReadAsBefore() throws Exception {
        Files.writeString(rig.resolve("101.dmesg.expected"), "csum failed (\n");
        TriageResult r = triage();
        assertEquals(List.of(CSUM, MISMATCH), newTitles(r).stream().sorted().toList());
        // one warning per reader of the window: rig/101.dmesg and result.xml's kernel-log element
        assertEquals(2, r.warnings().size(), r.warnings().toString());
        for (String w : r.warnings()) {
            assertTrue(w.contains("101.dmesg.expected: 'csum failed (' is not a regular expression")
                    && w.contains("read as if nothing was declared"), w);
        }
    }

    /**
     * The real WARNING report of seed 004 (iomap_write_delalloc_release fix, as posted), stamped like a dmesg
     * line and placed in rig/101's window right after its csum failures.
     */
    private void insertIomapWarningAfterTheCsumLines() throws Exception {
        List<String> report = Files.readAllLines(Path.of(DeclaredKernelLogTest.class
                .getResource("/rig/triage/seed004-iomap-warning.txt").toURI())).stream()
                .filter(l -> !l.startsWith("#")).map(l -> "[12199.800000] " + l.strip()).toList();
        List<String> dmesg = Files.readAllLines(rig.resolve("101.dmesg"));
        int after = 0;
        for (int i = 0; i < dmesg.size(); i++) {
            if (dmesg.get(i).contains("csum failed")) {
                after = i + 1;
            }
        }
        List<String> out = new ArrayList<>(dmesg.subList(0, after + 1));
        out.addAll(report);
        out.addAll(dmesg.subList(after + 1, dmesg.size()));
        Files.write(rig.resolve("101.dmesg"), out);
    }
}
