package rig.check.run;

import rig.check.devices.TestDevices;
import rig.check.devices.ScratchDevice;
import rig.check.devices.HostOps;
import rig.sys.Trace;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import rig.config.Configuration;
import rig.config.Section;
import rig.config.Setting;
import rig.config.UserInputException;
import rig.devices.own.Reaper;
import rig.devices.own.Registry;
import rig.devices.own.Sweeper;
import rig.results.Status;
import rig.check.engine.TestClass;
import rig.results.ShardRecord;
import rig.results.CheckTime;
import rig.results.TestResult;

/**
 * {@code ./check}: loads the configuration, selects the tests, prepares each section's devices,
 * runs the tests in a warm worker JVM and writes the results. The runner process itself does
 * configuration, selection, checkers, results and timeouts; it never runs a test body.
 */
public final class Runner {

    /** What the run found; the CLI maps it to an exit status. */
    public enum Outcome {
        PASSED, FAILED, HOST_LOST, INTERRUPTED_BY_SIGHUP, INTERRUPTED_BY_SIGINT, INTERRUPTED_BY_SIGTERM;

        static Outcome interruptedBy(Interrupts.Caught signal) {
            return valueOf("INTERRUPTED_BY_" + signal.label());
        }
    }

    private final RunOptions options;
    private final Path home;
    private final Function<String, String> environment;
    private final PrintStream out;
    private final PrintStream err;

    public Runner(RunOptions options, Path home, Function<String, String> environment, PrintStream out, PrintStream err) {
        this.options = options;
        this.home = home;
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    /**
     * The first selected section's variables, knobs validated: where a run reads what applies to it
     * as a whole (RIG_ENGINE, RIG_USERLAND); the environment's values are in it (Configuration).
     */
    public static Map<String, String> firstSection(RunOptions options, Path home, Function<String, String> environment) {
        Configuration config = Configuration.load(options.config(), home, environment);
        Section first = config.select(options.sections(), options.excludeSections()).get(0);
        Setting.validate(first.vars());
        return first.vars();
    }

    public Outcome run() throws IOException {
        Trace.mark("runner started");
        Configuration config = Configuration.load(options.config(), home, environment);
        List<Section> sections = config.select(options.sections(), options.excludeSections());
        sections.forEach(s -> Setting.validate(s.vars())); // a bad knob is one line, before anything is made
        Trace.mark("configuration loaded");
        if (options.dryRun()) {
            Selection.Result selected = Selection.resolve(options.selection(), options.basePackage());
            listOnly(sections, selected, plan(sections, selected));
            return Outcome.PASSED;
        }
        if (!HostOps.isRoot()) {
            throw new UserInputException("rig needs root (it creates loop devices and mounts filesystems): run it as root, e.g. sudo ./check");
        }
        Selection.validate(options.selection(), options.basePackage());
        Trace.mark("selection validated");
        Path firstBase = resultBase(sections.get(0));
        Files.createDirectories(firstBase);
        int jobs = jobs(sections);
        Registry registry = Registry.open();
        Reaper reaper = Reaper.start(registry);
        List<WorkerPool> pools = new ArrayList<>();
        for (int lane = 0; lane < jobs; lane++) {
            pools.add(new WorkerPool(firstBase.resolve(lane == 0 ? "worker.log" : "worker-" + lane + ".log"), registry));
        }
        Map<String, TestDevices> devices = new LinkedHashMap<>();
        java.util.concurrent.ExecutorService laneThreads = jobs > 1 ? java.util.concurrent.Executors.newFixedThreadPool(jobs,
                r -> new Thread(r, "rig-lane")) : null;
        Thread hook = new Thread(() -> cleanUp(pools, devices, registry), "rig-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        Interrupts interrupts = Interrupts.install();
        // the first section's devices (the device server's JVM, two mkfs) and the worker JVM are
        // the two long paths: both start at once, while the tests are selected
        Sweeper.sweep(registry).forEach(line -> err.println("rig: swept " + line)); // before anything new is made
        Trace.mark("leftovers swept");
        List<CompletableFuture<TestDevices>> first = new ArrayList<>();
        for (int lane = 0; lane < jobs; lane++) {
            int l = lane;
            first.add(CompletableFuture.supplyAsync(() -> prepare(devices, sections.get(0), registry, l)));
        }
        for (int lane = 0; lane < jobs; lane++) {
            if (sections.get(0).rigOwnedDevices()) {
                pools.get(lane).environment(ScratchDevice.workerEnvironment(lane)); // known now: the prestarted worker keeps it
            }
            pools.get(lane).prestart(); // from this thread, which lives as long as the run (see WorkerPool)
        }
        Trace.mark("worker starting");
        boolean failed = false;
        boolean hostLost = false;
        List<TestRun> testRuns = new ArrayList<>();
        try {
            Selection.Result selected = Selection.resolve(options.selection(), options.basePackage());
            Trace.mark("selected " + selected.tests().size() + " tests");
            Map<String, List<TestClass>> plan = plan(sections, selected);
            for (WorkerPool pool : pools) {
                testRuns.add(new TestRun(pool, registry, options.basePackage(), options.timeoutSeconds(),
                        options.checkers(), home, interrupts, jobs > 1));
            }
            iterations:
            for (int i = 0; i < Math.max(1, options.iterations()); i++) {
                for (Section s : sections) {
                    List<TestClass> tests = plan.get(s.name());
                    if (tests.isEmpty() && options.shard() != null) {
                        continue; // nothing of this section in this shard
                    }
                    List<SectionRun.Lane> lanes = new ArrayList<>();
                    for (int lane = 0; lane < jobs; lane++) {
                        TestDevices d = s == sections.get(0) && i == 0 ? await(first.get(lane)) : devices.get(key(s, lane));
                        if (d == null) {
                            d = prepare(devices, s, registry, lane);
                        }
                        pools.get(lane).environment(d.workerEnvironment());
                        lanes.add(new SectionRun.Lane(lane, testRuns.get(lane), d));
                    }
                    Trace.mark("devices ready for section " + s.name());
                    Path dir = resultBase(s);
                    shardRecord(dir, tests, false);
                    List<TestResult> results = new SectionRun(options, lanes, out, dir, laneThreads)
                            .run(tests, selected.expunged());
                    Optional<String> lost = testRuns.stream().map(TestRun::hostLost).flatMap(Optional::stream).findFirst();
                    boolean interrupted = testRuns.get(0).interrupted();
                    shardRecord(dir, tests, !interrupted && lost.isEmpty());
                    if (sections.size() > 1) {
                        for (int lane = 0; lane < jobs; lane++) {
                            release(devices, key(s, lane)); // one section's devices at a time (rig-owned ones share names)
                        }
                    }
                    boolean sectionFailed = results.stream().anyMatch(r -> r.status() == Status.FAIL);
                    failed |= sectionFailed;
                    if (lost.isPresent()) {
                        err.println("rig: stopping the run: a hung test left the host unrecoverable: " + lost.get());
                        hostLost = true;
                        break iterations;
                    }
                    if (sectionFailed && options.stopOnFailure() || interrupted) {
                        break iterations;
                    }
                }
            }
        } finally {
            Trace.mark("tests done");
            first.forEach(f -> f.handle((d, e) -> d).join()); // built or failed: either way in the map or gone
            if (laneThreads != null) {
                laneThreads.shutdownNow();
            }
            cleanUp(pools, devices, registry);
            Trace.mark("cleaned up");
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down
            }
            interrupts.uninstall();
            stopReaper(reaper, registry);
        }
        if (interrupts.caught().isPresent()) {
            return Outcome.interruptedBy(interrupts.caught().get());
        }
        return hostLost ? Outcome.HOST_LOST : failed ? Outcome.FAILED : Outcome.PASSED;
    }

    /**
     * -j N (1 without it): N lanes need devices of their own, which only the rig's embedded default
     * makes; a configuration that names its devices runs one lane.
     */
    private int jobs(List<Section> sections) {
        if (options.jobs() > 1) {
            for (Section s : sections) {
                if (!s.rigOwnedDevices()) {
                    throw new UserInputException("-j " + options.jobs() + ": section " + s.name() + " names its own TEST_DEV"
                            + " and SCRATCH_DEV, and each runner needs devices of its own; run it without -j, or leave"
                            + " the devices to the rig (no TEST_DEV/SCRATCH_DEV)");
                }
            }
        }
        return options.jobs();
    }

    private static String key(Section s, int lane) {
        return s.name() + "#" + lane;
    }

    /**
     * Stops the reaper when the run removed all it made; otherwise (a clean-up that failed) the reaper stays
     * and sweeps what is left once this process has exited.
     */
    private void stopReaper(Reaper reaper, Registry registry) {
        long self = ProcessHandle.current().pid();
        long left = registry.claims().stream().filter(c -> c.ownerPid() == self).count();
        if (left == 0) {
            reaper.stop();
        } else {
            err.println("rig: " + left + " things this run made are still there; they are swept as it exits");
        }
    }

    /** Builds a section's devices for a lane and records them for the clean-up. */
    private static TestDevices prepare(Map<String, TestDevices> devices, Section s, Registry registry, int lane) {
        try {
            TestDevices d = TestDevices.prepare(s, s.rigOwnedDevices(), registry, lane);
            synchronized (devices) {
                devices.put(key(s, lane), d);
            }
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void release(Map<String, TestDevices> devices, String key) {
        TestDevices d;
        synchronized (devices) {
            d = devices.remove(key);
        }
        if (d != null) {
            d.close();
        }
    }

    private static TestDevices await(CompletableFuture<TestDevices> f) throws IOException {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /**
     * The tests each section runs: all selected ones, or with {@code --shard K/N} this part's share of
     * the run's (section, test) pairs, balanced by --shard-times or each section's check.time.
     */
    private Map<String, List<TestClass>> plan(List<Section> sections, Selection.Result selected) {
        Map<String, List<TestClass>> plan = new LinkedHashMap<>();
        sections.forEach(s -> plan.put(s.name(), new java.util.ArrayList<>()));
        if (options.shard() == null) {
            sections.forEach(s -> plan.get(s.name()).addAll(selected.tests()));
            return plan;
        }
        Map<String, TestClass> byId = new LinkedHashMap<>();
        List<Shard.Pair> pairs = new java.util.ArrayList<>();
        Map<String, CheckTime> times = new LinkedHashMap<>();
        for (Section s : sections) {
            times.put(s.name(), CheckTime.load(options.shardTimes() != null ? options.shardTimes()
                    : resultBase(s).resolve("check.time")));
            selected.tests().stream().sorted(java.util.Comparator.comparing(TestClass::id)).forEach(t -> {
                byId.put(t.id(), t);
                pairs.add(new Shard.Pair(s.name(), t.id()));
            });
        }
        for (Shard.Pair p : options.shard().select(pairs, q -> times.get(q.section()).previous(q.test()).orElse(-1))) {
            plan.get(p.section()).add(byId.get(p.test()));
        }
        return plan;
    }

    /** shard.json of a sharded run's section: what this shard was to run there, and whether it finished. */
    private void shardRecord(Path dir, List<TestClass> tests, boolean finished) throws IOException {
        if (options.shard() != null) {
            new ShardRecord(options.shard().index(), options.shard().count(), tests.stream().map(TestClass::id).toList(),
                    finished).write(dir);
        }
    }

    private void listOnly(List<Section> sections, Selection.Result selected, Map<String, List<TestClass>> plan) {
        for (Section s : sections) {
            if (plan.get(s.name()).isEmpty() && options.shard() != null) {
                continue;
            }
            if (s.named()) {
                out.println("SECTION       -- " + s.name());
            }
            plan.get(s.name()).forEach(t -> out.println(t.id()));
            selected.expunged().forEach(t -> out.println(t.id() + " [expunged]"));
        }
    }

    /** RESULT_BASE (default results/ in the rig's directory), plus the section name when the configuration has sections. */
    private Path resultBase(Section s) {
        Path base = s.get("RESULT_BASE").map(Path::of).orElse(home.resolve("results"));
        return s.named() ? base.resolve(s.name()) : base;
    }

    /** Stops the workers, sweeps what a killed worker left (its mounts), then removes the devices. */
    private static void cleanUp(List<WorkerPool> pools, Map<String, TestDevices> devices, Registry registry) {
        pools.forEach(WorkerPool::close);
        Trace.mark("workers stopped");
        Sweeper.sweep(registry);
        Trace.mark("swept");
        List<TestDevices> all;
        synchronized (devices) {
            all = new ArrayList<>(devices.values());
            devices.clear();
        }
        all.forEach(TestDevices::close);
    }
}
