package rig.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import rig.check.engine.Catalog;
import rig.check.run.RunOptions;
import rig.check.run.Runner;
import rig.check.run.Selection;
import rig.check.run.Shard;
import rig.config.UserInputException;

/** {@code ./check} and {@code rig check}: fstests' options and words. */
@Command(name = "check", sortOptions = false, mixinStandardHelpOptions = true,
        description = "Run numbered tests as fstests' check does (default: group auto).")
public final class CheckCommand implements Callable<Object> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "TEST", description = "tests (generic/250) or suites (generic)")
    List<String> names = new ArrayList<>();

    @Option(names = "-g", split = ",", paramLabel = "GROUP", description = "include tests in these groups (all = every test)")
    List<String> groups = new ArrayList<>();

    @Option(names = "-x", split = ",", paramLabel = "GROUP", description = "exclude tests in these groups")
    List<String> excludeGroups = new ArrayList<>();

    @Option(names = "-e", split = ",", paramLabel = "TEST", description = "exclude these tests (expunge)")
    List<String> expunge = new ArrayList<>();

    @Option(names = "-E", paramLabel = "FILE", description = "exclude the tests listed in FILE (# comments)")
    Path expungeFile;

    @Option(names = "-s", paramLabel = "SECTION", description = "run only these config sections")
    List<String> sections = new ArrayList<>();

    @Option(names = "-S", paramLabel = "SECTION", description = "skip these config sections")
    List<String> excludeSections = new ArrayList<>();

    @Option(names = "-n", description = "dry run: list the tests that would run")
    boolean dryRun;

    @Option(names = "-i", paramLabel = "N", description = "iterate the test list N times")
    Integer iterations;

    @Option(names = "-I", paramLabel = "N", description = "iterate N times, stop at the first failure")
    Integer iterationsUntilFailure;

    @Option(names = "-L", paramLabel = "N", description = "rerun a failed test N more times, report fail %%")
    int loopOnFailure;

    @Option(names = "-r", description = "randomize the test order")
    boolean random;

    @Option(names = "--exact-order", description = "run the tests in the order given")
    boolean exactOrder;

    @Option(names = "-R", paramLabel = "FMT[,FMT]", split = ",",
            description = "report formats: xunit (results/result.xml), xunit-quiet (the same without each"
                    + " failure's .full, .dmesg and diff)")
    List<String> report;

    @Option(names = "-d", description = "dump each test's output to stdout")
    boolean dump;

    @Option(names = "-b", description = "brief summary (failures only)")
    boolean brief;

    @Option(names = "-T", description = "print timestamps")
    boolean timestamps;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "per-test timeout (default ${DEFAULT-VALUE})")
    int timeout = RunOptions.DEFAULT_TIMEOUT;

    @Option(names = "--config", paramLabel = "FILE", description = "configuration file (default: $HOST_OPTIONS or local.config)")
    Path config;

    @Option(names = "--shard", paramLabel = "K/N",
            description = "run part K of N of the (section, test) pairs, a deterministic split balanced by recorded times")
    String shard;

    @Option(names = "--shard-times", paramLabel = "FILE",
            description = "the check.time that balances --shard (default: each section's own)")
    Path shardTimes;

    @Option(names = "-j", paramLabel = "N",
            description = "N runners at once, each with its own TEST and SCRATCH devices, slowest tests first;"
                    + " tests in group " + RunOptions.ALONE_GROUP + " (and expected hangs) run alone at the end")
    int jobs = 1;

    @Option(names = "--no-checkers", description = "do not run the post-test checkers")
    boolean noCheckers;

    @Option(names = "--verbose", description = "stack traces on internal errors")
    boolean verbose;

    @Override
    public Object call() throws Exception {
        RunOptions options = options();
        java.util.Map<String, String> run = Runner.firstSection(options, RigMain.home(), System::getenv);
        String engine = rig.config.Setting.RIG_ENGINE.in(run);
        if (!engine.equals("host")) {
            List<String> all = spec.commandLine().getParseResult().originalArgs();
            List<String> mine = all.subList(all.indexOf("check") + 1, all.size()); // what follows "rig check"
            return otherEngine(engine).check(mine, rig.config.Setting.RIG_USERLAND.in(run));
        }
        return new Runner(options, RigMain.home(), System::getenv, System.out, System.err).run();
    }

    /** The engine RIG_ENGINE names, from the class path (the containers module). */
    private static rig.check.run.OtherEngine otherEngine(String name) {
        return java.util.ServiceLoader.load(rig.check.run.OtherEngine.class).stream().map(java.util.ServiceLoader.Provider::get)
                .filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new UserInputException("RIG_ENGINE=" + name + " needs the containers module: build the"
                        + " tree (mvn -DskipTests package), or unset RIG_ENGINE to run on this host"));
    }

    /** xunit wins over xunit-quiet when both are asked for: both name results/result.xml. */
    private RunOptions.Report reportFormat() {
        if (report == null || report.isEmpty()) {
            return RunOptions.Report.NONE;
        }
        for (String f : report) {
            if (!f.equals("xunit") && !f.equals("xunit-quiet")) {
                throw new UserInputException("-R " + f + ": unknown report format; use -R xunit or -R xunit-quiet");
            }
        }
        return report.contains("xunit") ? RunOptions.Report.XUNIT : RunOptions.Report.XUNIT_QUIET;
    }

    private static Path shardTimes(Path file) {
        if (file != null && !java.nio.file.Files.isRegularFile(file)) {
            throw new UserInputException("--shard-times " + file + ": no such file; give a check.time of an earlier run");
        }
        return file;
    }

    RunOptions options() {
        if (iterations != null && iterationsUntilFailure != null) {
            throw new UserInputException("-i and -I both given; use one of them");
        }
        RunOptions.Report format = reportFormat();
        if (timeout <= 0) {
            throw new UserInputException("--timeout " + timeout + ": give a positive number of seconds");
        }
        int iters = iterations != null ? iterations : iterationsUntilFailure != null ? iterationsUntilFailure : 1;
        if (iters < 1 || loopOnFailure < 0) {
            throw new UserInputException("-i/-I/-L need a positive count");
        }
        if (jobs < 1) {
            throw new UserInputException("-j " + jobs + ": give the number of parallel runners, 1 or more");
        }
        long seed = System.nanoTime();
        Selection.Spec spec = new Selection.Spec(names, groups, excludeGroups, expunge, expungeFile, exactOrder, random, seed);
        return new RunOptions(spec, dryRun, iters, iterationsUntilFailure != null, loopOnFailure, format, dump,
                brief, timestamps, timeout, new LinkedHashSet<>(sections), new LinkedHashSet<>(excludeSections), config,
                !noCheckers, System.getProperty("rig.package", Catalog.DEFAULT_PACKAGE),
                shard == null ? null : Shard.parse(shard), shardTimes(shardTimes), jobs);
    }
}
