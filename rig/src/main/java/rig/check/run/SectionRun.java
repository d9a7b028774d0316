package rig.check.run;

import rig.check.engine.TestClass;
import rig.check.devices.TestDevices;
import rig.check.devices.TestFsCheck;
import rig.check.devices.HostOps;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import rig.config.Section;
import rig.results.CheckLog;
import rig.results.CheckTime;
import rig.results.Status;
import rig.results.TestResult;
import rig.results.XunitReport;

/**
 * One pass of the selected tests over one section: the fstests header, one console line per
 * test ("generic/250 3s ...  2s", "[not run] reason", "- output mismatch" and the diff head),
 * check.time, result.xml, the summary and check.log.
 */
final class SectionRun {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final RunOptions options;
    private final TestRun testRun;
    private final PrintStream out;
    private final TestDevices devices;
    private final Section section;
    private final Path resultsDir;

    SectionRun(RunOptions options, TestRun testRun, PrintStream out, TestDevices devices, Path resultsDir) {
        this.options = options;
        this.testRun = testRun;
        this.out = out;
        this.devices = devices;
        this.section = devices.section();
        this.resultsDir = resultsDir;
    }

    /** Runs {@code tests}; returns their results (first run of each; -L reruns are reported, not counted). */
    List<TestResult> run(List<TestClass> tests, List<TestClass> expunged) throws IOException {
        Files.createDirectories(resultsDir);
        printHeader();
        CheckTime times = CheckTime.load(resultsDir.resolve("check.time"));
        XunitReport xunit = options.report() == RunOptions.Report.NONE ? null : new XunitReport(
                resultsDir.resolve("result.xml"), section.name(), HostOps.hostname(), properties(), Instant.now(),
                options.report() == RunOptions.Report.XUNIT_QUIET);
        int diffLength = Golden.diffLength(section.vars().get("DIFF_LENGTH"));
        List<TestResult> results = new ArrayList<>();
        List<TestClass> all = new ArrayList<>(tests);
        all.addAll(expunged);
        if (!options.selection().exactOrder() && !options.selection().random()) {
            all.sort((a, b) -> a.id().compareTo(b.id())); // expunged tests show where they would have run
        }
        for (TestClass test : all) {
            if (testRun.interrupted()) {
                break;
            }
            Path seqres = resultsDir.resolve(test.suite()).resolve(test.seq());
            if (expunged.contains(test)) {
                out.println(test.id() + " [expunged]");
                results.add(TestResult.expunged(test.id(), seqres));
                continue;
            }
            TestResult first = runAndReport(test, seqres, times, xunit, diffLength);
            results.add(first);
            if (first.status() == Status.INTERRUPTED) {
                break;
            }
            if (first.status() == Status.FAIL && options.loopOnFailure() > 0) {
                rerun(test, seqres, times, xunit, diffLength);
            }
            if (first.status() == Status.FAIL && options.stopOnFailure() || testRun.hostLost().isPresent()) {
                break;
            }
        }
        if (xunit != null) {
            xunit.flush();
        }
        List<String> fsckNotes = new ArrayList<>();
        TestFsCheck.atEnd(devices.section(), options.checkers() && !testRun.interrupted(), fsckNotes).ifPresent(f -> {
            out.println("fsck/TEST_DEV [failed, " + f.lines().findFirst().orElse(f) + "]");
            results.add(TestResult.fail("fsck/TEST_DEV", rig.results.FailureKind.CHECKER_FINDING, f, null, 0, Instant.now(),
                    resultsDir.resolve("TEST_DEV")));
        });
        fsckNotes.forEach(n -> System.err.println("rig: " + n));
        summarize(results);
        return results;
    }

    private TestResult runAndReport(TestClass test, Path seqres, CheckTime times, XunitReport xunit, int diffLength)
            throws IOException {
        out.print(prefix(test.id(), times.previous(test.id())));
        out.flush();
        TestRun.Outcome o = testRun.execute(test, devices, seqres, diffLength);
        TestResult r = o.result();
        if (r.status() != Status.INTERRUPTED) {
            rig.results.Verdict.of(r).write(seqres);
        }
        print(o);
        if (r.status() == Status.PASS) {
            times.record(r.id(), r.seconds());
        }
        if (xunit != null) {
            xunit.add(r);
        }
        return r;
    }

    private void rerun(TestClass test, Path seqres, CheckTime times, XunitReport xunit, int diffLength) throws IOException {
        int runs = 1;
        int fails = 1;
        for (int i = 0; i < options.loopOnFailure(); i++) {
            runs++;
            if (runAndReport(test, seqres, times, xunit, diffLength).status() == Status.FAIL) {
                fails++;
            }
        }
        out.printf("%s aggregate results across %d runs: pass=%d (%.1f%%), fail=%d (%.1f%%)%n", test.id(), runs,
                runs - fails, 100.0 * (runs - fails) / runs, fails, 100.0 * fails / runs);
    }

    private String prefix(String id, OptionalLong previous) {
        String stamp = options.timestamps() ? " [" + LocalTime.now().truncatedTo(ChronoUnit.SECONDS).format(CLOCK) + "]" : "";
        return id + (previous.isPresent() ? " " + previous.getAsLong() + "s ... " : "       ") + stamp;
    }

    private void print(TestRun.Outcome o) {
        TestResult r = o.result();
        String stamp = options.timestamps() ? " [" + LocalTime.now().truncatedTo(ChronoUnit.SECONDS).format(CLOCK) + "]" : "";
        switch (r.status()) {
            case PASS -> out.println(" " + r.seconds() + "s" + stamp);
            case NOTRUN -> out.println("[not run] " + r.message());
            case INTERRUPTED -> out.println();
            case FAIL -> {
                boolean mismatch = r.failure() == rig.results.FailureKind.OUTPUT_MISMATCH;
                out.println(mismatch ? "- " + r.message() : "[" + r.message() + "]");
                if (!o.diffHead().isEmpty()) {
                    o.diffHead().forEach(l -> out.println("    " + l));
                    if (o.diffTruncated()) {
                        out.println("    ...");
                    }
                    out.println("    (Run 'diff -u " + o.goldenName() + " " + r.seqres() + ".out.bad'  to see the entire diff)");
                }
            }
            default -> out.println();
        }
        showHints(r);
        if (options.dump() && !o.transcript().isEmpty()) {
            o.transcript().forEach(out::println);
        }
    }

    /** NNN.hints (_fixed_by_kernel_commit): shown after a failure, removed otherwise, as fstests' check does. */
    private void showHints(TestResult r) {
        if (r.seqres() == null) {
            return;
        }
        Path hints = Path.of(r.seqres() + ".hints");
        try {
            if (!Files.isRegularFile(hints)) {
                return;
            }
            if (r.status() == Status.FAIL) {
                out.println();
                out.print(Files.readString(hints));
            } else {
                Files.delete(hints);
            }
        } catch (IOException e) {
            out.println("(cannot read " + hints + ": " + e.getMessage() + ")");
        }
    }

    private void printHeader() {
        if (section.named()) {
            out.println("SECTION       -- " + section.name());
        }
        out.println("FSTYP         -- " + section.fstyp());
        out.println("PLATFORM      -- " + HostOps.platform());
        String scratch = section.get("SCRATCH_DEV", "");
        out.println("MKFS_OPTIONS  -- " + (section.get("MKFS_OPTIONS", "") + " " + scratch).strip());
        out.println("MOUNT_OPTIONS -- " + (section.get("MOUNT_OPTIONS", "") + " " + scratch + " "
                + section.get("SCRATCH_MNT", "")).strip());
        out.println();
    }

    private void summarize(List<TestResult> results) throws IOException {
        boolean interrupted = testRun.interrupted();
        List<String> lines = CheckLog.summary(results, interrupted);
        out.println();
        if (section.named()) {
            out.println("SECTION       -- " + section.name());
            out.println("=========================");
        }
        for (String line : lines) {
            if (!options.brief() || !(line.startsWith("Ran:") || line.startsWith("Not run:"))) {
                out.println(line);
            }
        }
        out.println();
        CheckLog.append(resultsDir.resolve("check.log"), HostOps.kernelRelease(), results, interrupted);
    }

    /**
     * result.xml's properties: common/report's (host, block devices, REPORT_ENV_LIST), TESTCFG
     * (the section, which xfstests-bld's gen_results_summary labels configurations by), and the
     * rig's facts about its devices; sorted by name.
     */
    private Map<String, String> properties() {
        Map<String, String> vars = new LinkedHashMap<>(section.vars());
        vars.put("SECTION", section.name());
        vars.putIfAbsent("FSTYP", rig.config.Configuration.DEFAULT_FSTYP);
        vars.put("PLATFORM", HostOps.platform());
        vars.putIfAbsent("TIME_FACTOR", "1");
        vars.putIfAbsent("LOAD_FACTOR", "1");
        Map<String, String> p = new java.util.TreeMap<>(new rig.results.ReportVars().of(vars::get,
                HostOps.kernelRelease(), HostOps.arch()));
        p.put("TESTCFG", section.name());
        devices.facts().forEach(p::putIfAbsent);
        return p;
    }
}
