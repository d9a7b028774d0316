package rig.check.run;

import rig.check.engine.TestClass;
import rig.check.devices.TestDevices;
import rig.check.devices.TestFsCheck;
import rig.check.devices.HostOps;
import rig.check.hang.HangRecovery;
import rig.check.hang.HangWatch;
import rig.sys.Trace;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import rig.check.engine.WorkerProtocol.BodyOutcome;
import rig.check.engine.WorkerProtocol.Reply;
import rig.check.engine.WorkerProtocol.ReplyType;
import rig.check.engine.WorkerProtocol.Request;
import rig.config.Section;
import rig.results.FailureKind;
import rig.results.Status;
import rig.devices.own.Registry;
import rig.devices.own.Sweeper;
import rig.results.TestResult;

/**
 * Runs one numbered test from the runner process: clears its old results, starts the checkers,
 * hands the test to the warm worker, polls the checkers about once a second until the worker
 * answers or the timeout passes, then compares the transcript with the golden output and
 * finishes the checkers. On a timeout the worker is killed by PID (not waited on beyond a
 * short grace), what it owned is swept, and a fresh worker takes over.
 */
final class TestRun {

    /** How often the checkers are polled while a test runs, and how soon a signal is noticed. */
    private static final Duration POLL = Duration.ofMillis(500);

    /** A result plus what the console shows: the diff head, the transcript (for -d). */
    record Outcome(TestResult result, List<String> diffHead, boolean diffTruncated, String goldenName,
                   List<String> transcript) {
    }

    private final WorkerPool workers;
    private final Registry registry;
    private final String basePackage;
    private final int defaultTimeout;
    private final boolean checkersEnabled;
    private final Path home;
    private final Interrupts interrupts;
    /** Other lanes run tests at the same time (./check -j N). */
    private final boolean sharedHost;
    private volatile Optional<String> hostLost = Optional.empty();

    TestRun(WorkerPool workers, Registry registry, String basePackage, int defaultTimeout, boolean checkersEnabled, Path home,
            Interrupts interrupts, boolean sharedHost) {
        this.interrupts = interrupts;
        this.sharedHost = sharedHost;
        this.workers = workers;
        this.registry = registry;
        this.basePackage = basePackage;
        this.defaultTimeout = defaultTimeout;
        this.checkersEnabled = checkersEnabled;
        this.home = home;
    }

    Outcome execute(TestClass test, TestDevices devices, Path seqres, int diffLength) throws IOException {
        devices.beforeTest();
        HostOps.clearWarnOnce();
        Section section = devices.section();
        Files.createDirectories(seqres.getParent());
        clearOldResults(seqres);
        int timeout = test.declaration().timeoutSeconds() > 0 ? test.declaration().timeoutSeconds() : defaultTimeout;
        Worker worker = workers.ready();
        Checkers.Context ctx = new Checkers.Context(test.id(), seqres, section.vars(), test.declaration(),
                sharedHost ? worker.pid() : null);
        Trace.mark(test.id() + ": worker ready");
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        Checkers checkers = Checkers.start(ctx, checkersEnabled);
        HangWatch watch = new HangWatch(ctx, registry);
        worker.send(new Request(test.id(), seqres.toString(), section.vars(), basePackage));
        Reply reply = await(worker, checkers, watch, ctx, t0 + Duration.ofSeconds(timeout).toNanos());
        Trace.mark(test.id() + ": worker answered");
        long seconds = Math.round((System.nanoTime() - t0) / 1e9);
        Path scratch = TestDevices.scratchMount(section);
        List<String> notes = new ArrayList<>();
        HangRecovery.Result hang = null;
        Optional<Interrupts.Caught> signal = interrupts.caught();
        if (reply == null && signal.isPresent()) {
            // the test is ended like a hung one (worker killed, stalls released, device let go); not judged
            hang = HangRecovery.recover("interrupted by " + signal.get().label(), ctx, checkers, workers, worker, devices,
                    registry, seqres);
            notes.addAll(hang.notes());
            hostLost = hang.hostLost();
            checkers.finish(ctx);
            appendFull(seqres, notes, List.of());
            return new Outcome(TestResult.interrupted(test.id(), signal.get().label(), seconds, started, seqres), List.of(),
                    false, null, List.of());
        }
        if (reply == null) {
            String why = System.nanoTime() - t0 >= Duration.ofSeconds(timeout).toNanos()
                    ? "timed out after " + timeout + "s"
                    : "progress stopped after " + seconds + " s: a task blocked past RIG_BLOCKED_THRESHOLD, an ordered"
                    + " extent outstanding or a request in flight, and no request completed by the test's devices for"
                    + " RIG_HANG_CONFIRM s";
            hang = HangRecovery.recover(why, ctx, checkers, workers, worker, devices, registry, seqres);
            notes.addAll(hang.notes());
            hostLost = hang.hostLost();
        } else {
            if (reply.type() == ReplyType.EXITED) {
                workers.discardDead();
                Sweeper.sweep(registry).forEach(notes::add);
            }
            HostOps.unmount(scratch);
        }
        boolean testUnmounted = TestFsCheck.unmountAfterTest(section, checkersEnabled, notes);
        List<String> all = new ArrayList<>(checkers.finish(ctx));
        if (testUnmounted) {
            TestFsCheck.remount(section).ifPresent(all::add);
        }
        ExpectedFindings.Result expected = ExpectedFindings.apply(test.declaration().expectedFindings(), all,
                checkersEnabled);
        expected.expected().forEach(f -> notes.add("expected checker finding: " + f));
        List<String> findings = expected.failures();
        appendFull(seqres, notes, findings);
        // fstests' test time ends "after all checks are done" (_check_filesystems, _check_dmesg): so does this one
        long checked = Math.round((System.nanoTime() - t0) / 1e9);
        Outcome outcome = classify(test, seqres, reply, worker, hang, checked, started, findings, diffLength);
        keepDmesgOnlyOnFailure(outcome.result(), section);
        return outcome;
    }

    /** fstests keeps NNN.dmesg of a test that failed, and of every test with KEEP_DMESG=yes. */
    private static void keepDmesgOnlyOnFailure(TestResult r, Section section) throws IOException {
        String keep = Optional.ofNullable(System.getenv("KEEP_DMESG")).orElse(section.get("KEEP_DMESG", ""));
        if (r.status() != Status.FAIL && !keep.equals("yes") && r.seqres() != null) {
            Files.deleteIfExists(Path.of(r.seqres() + ".dmesg"));
            Files.deleteIfExists(Path.of(r.seqres() + ".dmesg.expected"));
        }
    }

    /** A signal asked the run to stop. */
    boolean interrupted() {
        return interrupts.caught().isPresent();
    }

    /** Set when a hung test left the host in a state the run cannot go on from (what is left, what to do). */
    Optional<String> hostLost() {
        return hostLost;
    }

    private Reply await(Worker worker, Checkers checkers, HangWatch watch, Checkers.Context ctx, long deadline) {
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            Optional<Reply> r = worker.poll(Duration.ofNanos(Math.min(left, POLL.toNanos())));
            if (interrupts.caught().isPresent()) {
                return null;
            }
            if (r.isPresent() && r.get().type() != ReplyType.READY) {
                return r.get();
            }
            checkers.poll(ctx);
            if (watch.progressStopped(checkers)) {
                return null;
            }
        }
    }

    private Outcome classify(TestClass test, Path seqres, Reply reply, Worker worker, HangRecovery.Result hang,
                             long seconds, Instant started, List<String> findings, int diffLength) throws IOException {
        Path bad = Path.of(seqres + ".out.bad");
        List<String> transcript = Files.isRegularFile(bad) ? Files.readAllLines(bad) : List.of();
        String id = test.id();
        if (reply == null) {
            if (test.declaration().expectHang()) {
                return expectedHang(test, seqres, hang, seconds, started, findings, transcript);
            }
            Outcome o = failed(id, hang.culprit().isPresent() ? FailureKind.HUNG : FailureKind.TIMED_OUT,
                    hungMessage(hang, findings), seconds, started, seqres, transcript);
            return hang.culpritFunction().map(fn -> new Outcome(o.result().withCulprit(fn), o.diffHead(),
                    o.diffTruncated(), o.goldenName(), o.transcript())).orElse(o);
        }
        if (test.declaration().expectHang() && reply.type() != ReplyType.EXITED) {
            return failed(id, FailureKind.EXPECTED_HANG, "failed, declared expectHang but finished (" + reply.outcome() + ") before the runner"
                    + " detected a hang", seconds, started, seqres, transcript);
        }
        if (reply.type() == ReplyType.EXITED) {
            String status = worker.exitStatus().map(s -> " (exit status " + s + ")").orElse("");
            return failed(id, FailureKind.WORKER_DIED, "worker JVM died during the test" + status + "; see worker.log", seconds, started, seqres, transcript);
        }
        if (reply.outcome() == BodyOutcome.NOT_RUN && findings.isEmpty()) {
            Files.deleteIfExists(bad);
            Files.writeString(Path.of(seqres + ".notrun"), reply.message() + "\n");
            return new Outcome(TestResult.notRun(id, reply.message(), started, seqres), List.of(), false, null, transcript);
        }
        String goldenName = goldenDisplayName(test);
        Optional<List<String>> golden = golden(test);
        if (golden.isEmpty()) {
            return failed(id, FailureKind.RIG_ERROR, "no golden output " + test.goldenResource() + " on the classpath; write it beside "
                    + test.type().getSimpleName() + ".java", seconds, started, seqres, transcript);
        }
        Golden.Comparison cmp = Golden.compare(golden.get(), transcript, goldenName, bad.toString(), diffLength);
        String message = null;
        FailureKind kind = null;
        if (reply.outcome() == BodyOutcome.ERROR) {
            kind = FailureKind.TEST_ERROR;
            message = "failed, " + reply.message() + " (see " + seqres + ".full)";
        } else if (reply.outcome() == BodyOutcome.NOT_RUN) {
            kind = FailureKind.CHECKER_FINDING;
            message = "not run (" + reply.message() + ") but checkers found problems";
        } else if (!cmp.matches()) {
            kind = FailureKind.OUTPUT_MISMATCH;
            message = "output mismatch (see " + bad + ")";
        }
        if (!findings.isEmpty() && message == null) {
            kind = FailureKind.CHECKER_FINDING;
            message = "checker found " + findings.get(0) + (findings.size() > 1 ? " (and " + (findings.size() - 1)
                    + " more, see " + seqres + ".full)" : "");
        }
        if (message == null) {
            Files.deleteIfExists(bad);
            return new Outcome(TestResult.pass(id, seconds, started, seqres), List.of(), false, goldenName, transcript);
        }
        String diff = cmp.matches() ? null : String.join("\n", cmp.diff()) + "\n";
        TestResult r = TestResult.fail(id, kind, message, diff, seconds, started, seqres);
        return new Outcome(r, cmp.head(), cmp.head().size() < cmp.diff().size(), goldenName, transcript);
    }

    /** "failed, timed out after 20s" (why), then the culprit when a task was blocked, then the first finding. */
    private static String hungMessage(HangRecovery.Result hang, List<String> findings) {
        String why = hang.notes().get(0);
        String head = hang.culprit().map(c -> "failed, " + c + " (" + why.replaceFirst(":.*", "") + ")")
                .orElse("failed, " + why);
        return head + (hang.recovered() ? "" : "; recovery incomplete, see .full");
    }

    /** An expectHang control: passes when the hang was detected with its findings, its transcript and a clean recovery. */
    private Outcome expectedHang(TestClass test, Path seqres, HangRecovery.Result hang, long seconds, Instant started,
                                 List<String> findings, List<String> transcript) throws IOException {
        String id = test.id();
        Optional<List<String>> golden = golden(test);
        Golden.Comparison cmp = golden.isPresent() ? Golden.compare(golden.get(), transcript, goldenDisplayName(test),
                seqres + ".out.bad", 10) : null;
        String problem = !hang.recovered() ? "the host did not recover from the expected hang (see " + seqres + ".full)"
                : !findings.isEmpty() ? "checker found " + findings.get(0)
                : cmp == null || !cmp.matches() ? "output mismatch up to the expected hang (see " + seqres + ".out.bad)"
                : null;
        if (problem != null) {
            return failed(id, FailureKind.EXPECTED_HANG, "failed, " + problem + "; " + hungMessage(hang, List.of()).replaceFirst("^failed, ", ""),
                    seconds, started, seqres, transcript);
        }
        Files.deleteIfExists(Path.of(seqres + ".out.bad"));
        return new Outcome(TestResult.pass(id, seconds, started, seqres), List.of(), false, goldenDisplayName(test),
                transcript);
    }

    private static Outcome failed(String id, FailureKind kind, String message, long seconds, Instant started, Path seqres,
                                  List<String> transcript) {
        return new Outcome(TestResult.fail(id, kind, message, null, seconds, started, seqres), List.of(), false, null,
                transcript);
    }

    private static Optional<List<String>> golden(TestClass test) throws IOException {
        try (InputStream in = test.type().getClassLoader().getResourceAsStream(test.goldenResource())) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
        }
    }

    /** The golden file's source path when the tree is at hand (tests/src/main/java/...), else its resource name. */
    private String goldenDisplayName(TestClass test) {
        Path source = home.resolve("tests/src/main/java").resolve(test.goldenResource());
        return Files.isRegularFile(source) ? source.toString() : test.goldenResource();
    }

    /** Removes NNN.* of the previous run (.out.bad, .full, .notrun, and whatever the checkers wrote). */
    private static void clearOldResults(Path seqres) throws IOException {
        String prefix = seqres.getFileName() + ".";
        try (var files = Files.list(seqres.getParent())) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (f.getFileName().toString().startsWith(prefix) && Files.isRegularFile(f)) {
                    Files.delete(f);
                }
            }
        }
    }

    private static void appendFull(Path seqres, List<String> notes, List<String> findings) throws IOException {
        if (notes.isEmpty() && findings.isEmpty()) {
            return;
        }
        StringBuilder b = new StringBuilder();
        notes.forEach(n -> b.append("rig: ").append(n).append('\n'));
        findings.forEach(f -> b.append("checker finding: ").append(f).append('\n'));
        Files.writeString(Path.of(seqres + ".full"), b, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
