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
 * check.time, result.xml, the summary and check.log. With several lanes (./check -j N) the lanes
 * take tests from one queue, slowest first, and each test's line is printed whole when it ends.
 */
final class SectionRun {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    /** One runner of ./check -j N: its worker JVMs and its own TEST and SCRATCH devices. */
    record Lane(int index, TestRun testRun, TestDevices devices) {
    }

    private final RunOptions options;
    private final List<Lane> lanes;
    private final PrintStream out;
    private final TestDevices devices;
    private final Section section;
    private final Path resultsDir;
    private final java.util.concurrent.ExecutorService laneThreads;

    SectionRun(RunOptions options, TestRun testRun, PrintStream out, TestDevices devices, Path resultsDir) {
        this(options, List.of(new Lane(0, testRun, devices)), out, resultsDir, null);
    }

    /** {@code laneThreads}: at least one thread per lane, alive for the whole run (workers die with the thread that forked them). */
    SectionRun(RunOptions options, List<Lane> lanes, PrintStream out, Path resultsDir,
               java.util.concurrent.ExecutorService laneThreads) {
        this.options = options;
        this.lanes = List.copyOf(lanes);
        this.out = out;
        this.devices = lanes.get(0).devices();
        this.section = devices.section();
        this.resultsDir = resultsDir;
        this.laneThreads = laneThreads;
    }

    private boolean interrupted() {
        return lanes.stream().anyMatch(l -> l.testRun().interrupted());
    }

    private boolean hostLost() {
        return lanes.stream().anyMatch(l -> l.testRun().hostLost().isPresent());
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
        Pass pass = new Pass(times, xunit, diffLength);
        List<TestResult> results = lanes.size() == 1 ? runInOrder(tests, expunged, pass) : runInLanes(tests, expunged, pass);
        if (xunit != null) {
            xunit.flush();
        }
        List<String> fsckNotes = new ArrayList<>();
        for (Lane lane : lanes) {
            TestFsCheck.atEnd(lane.devices().section(), options.checkers() && !interrupted(), fsckNotes).ifPresent(f -> {
                out.println("fsck/TEST_DEV [failed, " + f.lines().findFirst().orElse(f) + "]");
                results.add(TestResult.fail("fsck/TEST_DEV", rig.results.FailureKind.CHECKER_FINDING, f, null, 0,
                        Instant.now(), resultsDir.resolve("TEST_DEV")));
            });
        }
        fsckNotes.forEach(n -> System.err.println("rig: " + n));
        summarize(results);
        return results;
    }

    /** What every test of one pass shares: the recorded times, the xunit report, the diff length. */
    private record Pass(CheckTime times, XunitReport xunit, int diffLength) {
    }

    private List<TestResult> runInOrder(List<TestClass> tests, List<TestClass> expunged, Pass pass) throws IOException {
        List<TestResult> results = new ArrayList<>();
        List<TestClass> all = new ArrayList<>(tests);
        all.addAll(expunged);
        if (!options.selection().exactOrder() && !options.selection().random()) {
            all.sort((a, b) -> a.id().compareTo(b.id())); // expunged tests show where they would have run
        }
        for (TestClass test : all) {
            if (interrupted()) {
                break;
            }
            if (expunged.contains(test)) {
                results.add(expunge(test));
                continue;
            }
            TestResult first = runTest(lanes.get(0), test, pass);
            results.add(first);
            if (first.status() == Status.INTERRUPTED || first.status() == Status.FAIL && options.stopOnFailure()
                    || hostLost()) {
                break;
            }
        }
        return results;
    }

    /**
     * ./check -j N: every lane takes the next test from one queue, slowest first by check.time
     * (tests never timed first); then the tests that cannot share the host run alone on lane 0.
     */
    private List<TestResult> runInLanes(List<TestClass> tests, List<TestClass> expunged, Pass pass) throws IOException {
        List<TestResult> results = java.util.Collections.synchronizedList(new ArrayList<>());
        expunged.stream().sorted(java.util.Comparator.comparing(TestClass::id)).forEach(t -> results.add(expunge(t)));
        List<TestClass> alone = tests.stream().filter(SectionRun::runsAlone).toList();
        java.util.concurrent.BlockingQueue<TestClass> queue = new java.util.concurrent.LinkedBlockingQueue<>(
                slowestFirst(tests.stream().filter(t -> !runsAlone(t)).toList(), pass.times()));
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        List<java.util.concurrent.Future<?>> running = new ArrayList<>();
        for (Lane lane : lanes) {
            running.add(laneThreads.submit(() -> {
                for (TestClass t; !stop.get() && !interrupted() && (t = queue.poll()) != null; ) {
                    TestResult r = runTest(lane, t, pass);
                    results.add(r);
                    stop.compareAndSet(false, r.status() == Status.INTERRUPTED || hostLost()
                            || r.status() == Status.FAIL && options.stopOnFailure());
                }
                return null;
            }));
        }
        awaitAll(running);
        for (TestClass t : alone) {
            if (stop.get() || interrupted()) {
                break;
            }
            TestResult r = runTest(lanes.get(0), t, pass);
            results.add(r);
            stop.set(r.status() == Status.INTERRUPTED || hostLost() || r.status() == Status.FAIL && options.stopOnFailure());
        }
        List<TestResult> ordered = new ArrayList<>(results);
        ordered.sort(java.util.Comparator.comparing(TestResult::id));
        return ordered;
    }

    /** Tests in group {@value RunOptions#ALONE_GROUP} and expected hangs (whose blocked tasks and reports are host-wide). */
    static boolean runsAlone(TestClass t) {
        return t.declaration().expectHang() || java.util.Arrays.asList(t.declaration().groups()).contains(RunOptions.ALONE_GROUP);
    }

    static List<TestClass> slowestFirst(List<TestClass> tests, CheckTime times) {
        List<TestClass> order = new ArrayList<>(tests);
        order.sort(java.util.Comparator.comparingLong((TestClass t) -> times.previous(t.id()).orElse(Long.MAX_VALUE))
                .reversed().thenComparing(TestClass::id));
        return order;
    }

    private static void awaitAll(List<java.util.concurrent.Future<?>> running) throws IOException {
        for (var f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while the lanes ran", e);
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IOException(e.getCause());
            }
        }
    }

    private TestResult expunge(TestClass test) {
        out.println(test.id() + " [expunged]");
        return TestResult.expunged(test.id(), resultsDir.resolve(test.suite()).resolve(test.seq()));
    }

    /** Runs a test on a lane, then its -L reruns when it failed; returns the first run's result. */
    private TestResult runTest(Lane lane, TestClass test, Pass pass) throws IOException {
        Path seqres = resultsDir.resolve(test.suite()).resolve(test.seq());
        TestResult first = runAndReport(lane, test, seqres, pass);
        if (first.status() == Status.FAIL && options.loopOnFailure() > 0) {
            rerun(lane, test, seqres, pass);
        }
        return first;
    }

    private TestResult runAndReport(Lane lane, TestClass test, Path seqres, Pass pass) throws IOException {
        String prefix = prefix(test.id(), previous(pass.times(), test.id()));
        if (lanes.size() == 1) {
            out.print(prefix);
            out.flush();
        }
        TestRun.Outcome o = lane.testRun().execute(test, lane.devices(), seqres, pass.diffLength());
        TestResult r = o.result();
        if (r.status() != Status.INTERRUPTED) {
            rig.results.Verdict.of(r).write(seqres);
        }
        synchronized (out) {
            if (lanes.size() > 1) {
                out.print(prefix);
            }
            print(o);
        }
        synchronized (pass.times()) {
            if (r.status() == Status.PASS) {
                pass.times().record(r.id(), r.seconds());
            }
        }
        if (pass.xunit() != null) {
            synchronized (pass.xunit()) {
                pass.xunit().add(r);
            }
        }
        return r;
    }

    private static OptionalLong previous(CheckTime times, String id) {
        synchronized (times) {
            return times.previous(id);
        }
    }

    private void rerun(Lane lane, TestClass test, Path seqres, Pass pass) throws IOException {
        int runs = 1;
        int fails = 1;
        for (int i = 0; i < options.loopOnFailure(); i++) {
            runs++;
            if (runAndReport(lane, test, seqres, pass).status() == Status.FAIL) {
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
        boolean interrupted = interrupted();
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
        for (rig.config.Setting s : List.of(rig.config.Setting.RIG_USERLAND, rig.config.Setting.RIG_USERLAND_PACKAGES)) {
            String v = s.in(section.vars()); // the environment's value is in the section already (Configuration)
            if (!v.isBlank()) {
                p.put(s.name().substring("RIG_".length()), v); // USERLAND, USERLAND_PACKAGES: the userland of the run
            }
        }
        devices.facts().forEach(p::putIfAbsent);
        return p;
    }
}
