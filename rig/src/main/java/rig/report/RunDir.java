package rig.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import rig.results.Verdict;

/**
 * One configuration's results directory in a results tree: where a section's run left its
 * per-test files ({@code <suite>/NNN.*}, the verdicts {@code NNN.outcome}), {@code check.log},
 * {@code result.xml}, {@code shard.json}. Its configuration is its path below the tree's root
 * ("btrfs", "vm/6.1.0-57-amd64/btrfs"), with a label in front when the tree was given one.
 */
record RunDir(String configuration, Path dir) {

    /** Files that make a directory a run's results directory. */
    private static final List<String> MARKERS = List.of("check.log", "result.xml", rig.results.ShardRecord.FILE);

    /** The run directories under {@code root}, each named by its path below it (prefixed by {@code label} when not empty). */
    static List<RunDir> find(Path root, String label) throws IOException {
        List<RunDir> runs = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path d : (Iterable<Path>) walk.filter(Files::isDirectory)::iterator) {
                if (MARKERS.stream().anyMatch(m -> Files.isRegularFile(d.resolve(m)))) {
                    String rel = root.relativize(d).toString();
                    String name = String.join("/", List.of(label, rel).stream().filter(s -> !s.isEmpty()).toList());
                    runs.add(new RunDir(name.isEmpty() ? "global" : name, d));
                }
            }
        }
        return runs;
    }

    /** The verdicts of this run, by test id ("generic/250"). */
    Map<String, Verdict> verdicts() throws IOException {
        Map<String, Verdict> out = new TreeMap<>();
        for (Path f : perTestFiles()) {
            String name = f.getFileName().toString();
            if (name.endsWith(Verdict.SUFFIX)) {
                Path seqres = f.resolveSibling(name.substring(0, name.length() - Verdict.SUFFIX.length()));
                Verdict.read(seqres).ifPresent(v -> out.put(v.id(), v));
            }
        }
        return out;
    }

    /** Every file of the suite directories ({@code generic/250.full}, ...). */
    List<Path> perTestFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> suites = Files.list(dir)) {
            for (Path suite : (Iterable<Path>) suites.filter(Files::isDirectory)::iterator) {
                if (MARKERS.stream().anyMatch(m -> Files.isRegularFile(suite.resolve(m)))) {
                    continue; // a nested configuration, not a suite
                }
                try (Stream<Path> inSuite = Files.list(suite)) {
                    inSuite.filter(Files::isRegularFile).forEach(files::add);
                }
            }
        }
        return files;
    }
}
