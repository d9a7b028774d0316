package rig.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import rig.results.CheckLog;
import rig.results.ShardRecord;
import rig.results.Status;
import rig.results.TestResult;
import rig.results.Verdict;
import rig.results.XunitReport;

/**
 * {@code rig report merge OUT DIR...}: results trees from shards, sections, kernels, userlands and
 * hosts into one tree, one directory per configuration with every test's files, its verdicts, one
 * result.xml (fstests' schema) and one check.log. Shards are accounted for: a shard of a
 * configuration that is missing, did not finish, or left a planned test without a verdict is
 * reported, never silently dropped.
 */
final class Merge {

    /** What the merge found wrong: missing or crashed shards, tests run twice. */
    record Report(Map<String, Map<String, Verdict>> configurations, List<String> problems) {
    }

    private final PrintStream out;

    Merge(PrintStream out) {
        this.out = out;
    }

    /** {@code inputs}: results trees, each "DIR" or "LABEL=DIR" (LABEL goes in front of its configurations). */
    Report merge(Path outDir, List<String> inputs) throws IOException {
        Map<String, List<RunDir>> byConfig = new TreeMap<>();
        for (String input : inputs) {
            int eq = input.indexOf('=');
            String label = eq > 0 ? input.substring(0, eq) : "";
            Path root = Path.of(eq > 0 ? input.substring(eq + 1) : input);
            if (!Files.isDirectory(root)) {
                throw new rig.config.UserInputException("report merge: " + root + " is not a directory; give results trees");
            }
            for (RunDir r : RunDir.find(root, label)) {
                byConfig.computeIfAbsent(r.configuration(), c -> new ArrayList<>()).add(r);
            }
        }
        Map<String, Map<String, Verdict>> merged = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (var e : byConfig.entrySet()) {
            merged.put(e.getKey(), mergeConfiguration(outDir.resolve(e.getKey()), e.getKey(), e.getValue(), problems));
        }
        return new Report(merged, problems);
    }

    private Map<String, Verdict> mergeConfiguration(Path target, String config, List<RunDir> runs, List<String> problems)
            throws IOException {
        Files.createDirectories(target);
        Map<String, Verdict> verdicts = new TreeMap<>();
        Map<String, List<Verdict>> history = new TreeMap<>();
        for (RunDir run : runs) {
            for (var v : run.verdicts().entrySet()) {
                verdicts.put(v.getKey(), v.getValue());
                history.computeIfAbsent(v.getKey(), k -> new ArrayList<>()).add(v.getValue());
            }
            for (Path f : run.perTestFiles()) {
                Path to = target.resolve(run.dir().relativize(f));
                Files.createDirectories(to.getParent());
                Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        for (var h : history.entrySet()) {
            if (h.getValue().size() > 1) {
                History.write(target.resolve(h.getKey()), h.getValue());
            }
        }
        accountShards(config, runs, verdicts.keySet(), problems);
        write(target, config, verdicts);
        return verdicts;
    }

    /** Missing shards, shards that did not finish, planned tests without a verdict. */
    private static void accountShards(String config, List<RunDir> runs, Set<String> withVerdict, List<String> problems)
            throws IOException {
        Map<Integer, ShardRecord> shards = new TreeMap<>();
        int count = 0;
        for (RunDir run : runs) {
            var rec = ShardRecord.read(run.dir());
            if (rec.isPresent()) {
                shards.put(rec.get().index(), rec.get());
                count = Math.max(count, rec.get().count());
                if (!rec.get().finished()) {
                    problems.add(config + ": shard " + rec.get().label() + " did not finish (crashed or interrupted)");
                }
                Set<String> lost = new TreeSet<>(rec.get().tests());
                lost.removeAll(withVerdict);
                if (!lost.isEmpty()) {
                    problems.add(config + ": shard " + rec.get().label() + " has no result for " + String.join(" ", lost));
                }
            }
        }
        for (int k = 1; k <= count; k++) {
            if (!shards.containsKey(k)) {
                problems.add(config + ": shard " + k + "/" + count + " is missing (no results of it were given)");
            }
        }
    }

    private static void write(Path target, String config, Map<String, Verdict> verdicts) throws IOException {
        List<TestResult> results = new ArrayList<>();
        Instant now = Instant.now();
        for (Verdict v : verdicts.values()) {
            String seq = v.id().substring(v.id().indexOf('/') + 1);
            Path seqres = target.resolve(v.id().substring(0, v.id().indexOf('/'))).resolve(seq);
            results.add(new TestResult(v.id(), v.status(), v.failure(), v.culprit(), v.message(), v.diff(), v.seconds(),
                    now, seqres));
        }
        Map<String, String> props = new TreeMap<>();
        props.put("TESTCFG", config);
        props.put("SECTION", config.substring(config.lastIndexOf('/') + 1));
        XunitReport xml = new XunitReport(target.resolve("result.xml"), config.replace('/', '.'), "merged", props, now);
        for (TestResult r : results) {
            xml.add(r);
        }
        xml.flush();
        Files.deleteIfExists(target.resolve("check.log"));
        CheckLog.append(target.resolve("check.log"), "(merged)", results);
    }

    /** One line per configuration, then the problems. */
    void print(Report r) {
        r.configurations().forEach((config, verdicts) -> {
            long failed = verdicts.values().stream().filter(v -> v.status() == Status.FAIL).count();
            long notRun = verdicts.values().stream().filter(v -> v.status() == Status.NOTRUN).count();
            out.println(config + ": " + verdicts.size() + " tests, " + failed + " failed, " + notRun + " not run");
        });
        r.problems().forEach(p -> out.println("problem: " + p));
    }
}
