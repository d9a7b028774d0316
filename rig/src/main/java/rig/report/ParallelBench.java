package rig.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import rig.config.UserInputException;
import rig.results.Status;
import rig.results.Verdict;
import rig.sys.Exec;

/**
 * {@code rig bench parallel}: the same selection run by {@code ./check} one test at a time and by
 * {@code ./check -j N}, each into fresh results; prints both wall times, their ratio, and whether
 * every (configuration, test) got the same verdict. Exit status 1 when a verdict differs.
 */
@Command(name = "parallel", mixinStandardHelpOptions = true,
        description = "./check SELECTION, then ./check -j N SELECTION (rig bench parallel -j 2 -- -g quick): wall times, their"
                + " ratio, and the verdicts compared.")
public final class ParallelBench implements Callable<Integer> {

    @Option(names = "-j", defaultValue = "2", description = "runners of the parallel run (default ${DEFAULT-VALUE})")
    int jobs;

    @Parameters(paramLabel = "CHECK-ARGS", description = "after --: ./check's selection and options (default: -g quick)")
    List<String> checkArgs = new ArrayList<>();

    /** One run's wall time, verdicts by "configuration test" and results tree. */
    record Run(String label, double seconds, Map<String, Verdict> verdicts, Path results) {
    }

    @Override
    public Integer call() throws Exception {
        if (jobs < 2) {
            throw new UserInputException("-j " + jobs + ": the parallel run needs 2 or more runners");
        }
        Path home = rig.cli.RigMain.home();
        if (!Files.isExecutable(home.resolve("check"))) {
            throw new UserInputException(home.resolve("check") + " is missing: run rig bench parallel from the rig's directory");
        }
        List<String> args = checkArgs.isEmpty() ? List.of("-g", "quick") : checkArgs;
        Run serial = run(home, "one at a time", args);
        List<String> parallelArgs = new ArrayList<>(List.of("-j", Integer.toString(jobs)));
        parallelArgs.addAll(args);
        Run parallel = run(home, "-j " + jobs, parallelArgs);
        int status = print(args, serial, parallel);
        if (status == 0) {
            rig.devices.own.Sweeper.deleteTree(serial.results());
            rig.devices.own.Sweeper.deleteTree(parallel.results());
        } else {
            System.out.println("results kept: " + serial.results() + " and " + parallel.results());
        }
        return status;
    }

    private static Run run(Path home, String label, List<String> args) throws IOException {
        Path results = Files.createTempDirectory("rig-bench-parallel-");
        List<String> command = new ArrayList<>(List.of(home.resolve("check").toString()));
        command.addAll(args);
        System.err.println("rig bench parallel: " + String.join(" ", command) + " (results in " + results + ")");
        long t0 = System.nanoTime();
        Exec.Result r = Exec.run(Duration.ofHours(2), home, Map.of("RESULT_BASE", results.toString(), "RIG_SKIP_BUILD", "1"),
                command);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (r.exitCode() > 1) {
            throw new IOException("./check " + String.join(" ", args) + " ended with status " + r.exitCode() + ":\n" + r.output());
        }
        Map<String, Verdict> verdicts = new TreeMap<>();
        for (RunDir d : RunDir.find(results, "")) {
            d.verdicts().forEach((id, v) -> verdicts.put(d.configuration() + " " + id, v));
        }
        return new Run(label, seconds, verdicts, results);
    }

    private int print(List<String> args, Run serial, Run parallel) {
        System.out.printf(Locale.ROOT, "rig bench parallel: ./check %s, kernel %s, %d CPUs%n", String.join(" ", args),
                rig.check.devices.HostOps.kernelRelease(), Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "%-16s %8s %6s %6s %6s %7s%n", "run", "wall s", "tests", "pass", "fail", "notrun");
        for (Run r : List.of(serial, parallel)) {
            System.out.printf(Locale.ROOT, "%-16s %8.1f %6d %6d %6d %7d%n", r.label(), r.seconds(), r.verdicts().size(),
                    count(r, Status.PASS), count(r, Status.FAIL), count(r, Status.NOTRUN));
        }
        System.out.printf(Locale.ROOT, "ratio (%s / one at a time): %.2f%n", parallel.label(), parallel.seconds() / serial.seconds());
        List<String> differ = new ArrayList<>();
        java.util.Set<String> keys = new java.util.TreeSet<>(serial.verdicts().keySet());
        keys.addAll(parallel.verdicts().keySet());
        for (String k : keys) {
            Status a = status(serial, k);
            Status b = status(parallel, k);
            if (a != b) {
                differ.add(k + ": " + a + " one at a time, " + b + " with " + parallel.label());
            }
        }
        System.out.println("verdicts: " + (keys.size() - differ.size()) + " of " + keys.size() + " the same");
        differ.forEach(d -> System.out.println("  differs: " + d));
        return differ.isEmpty() ? 0 : 1;
    }

    private static long count(Run r, Status s) {
        return r.verdicts().values().stream().filter(v -> v.status() == s).count();
    }

    private static Status status(Run r, String key) {
        Verdict v = r.verdicts().get(key);
        return v == null ? null : v.status();
    }
}
