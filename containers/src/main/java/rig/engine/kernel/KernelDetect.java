package rig.engine.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import rig.engine.vm.GuestDisks;
import rig.sys.Exec;

/**
 * {@code rig kernel detect}: the rig's proof of power. Builds the unmodified kernel (the control)
 * and one kernel per mutant patch (each from the control's build, so only what a patch touches
 * is compiled), runs the tests in a guest on each ({@code rig vm check --kernel}), and prints the
 * detection matrix: kernel x test, each cell the verdict and how a failure showed, and per
 * mutant whether a test it names caught it the way it says. Exit status 0 when the control
 * passes everything it ran and every mutant was caught as expected.
 */
@Command(name = "detect", mixinStandardHelpOptions = true,
        description = {"Build the control and each mutant kernel, run TESTS in a guest on each, print the detection matrix.",
            "rig kernel detect --debian 6.1 (mutants: kernel/mutants/6.1/*.patch)"})
public final class KernelDetect implements Callable<Integer> {

    /**
     * The tests of the seeds' failure shapes that pass on the control kernel: partial and failing
     * direct writes (250, 276, 708, rig/320), direct I/O whose buffer faults, mapped from the
     * same file (647, 729) or from another (rig/310-312), O_DSYNC durability (rig/300), O_DSYNC
     * writes racing truncate and fallocate (rig/330). A blind mutant is judged by all of them.
     */
    static final List<String> DEFAULT_TESTS = List.of("generic/250", "generic/276", "generic/647", "generic/708",
            "generic/729", "rig/300", "rig/310", "rig/311", "rig/312", "rig/320", "rig/330");

    @Option(names = "--debian", paramLabel = "VERSION", required = true, description = "Debian's linux-source-VERSION")
    String debian;

    @Option(names = "--mutants", paramLabel = "DIR", description = "the mutant patches (default: kernel/mutants/VERSION in the tree)")
    Path mutants;

    @Option(names = "--results", paramLabel = "DIR", description = "one results tree per kernel under DIR (default: results/detect)")
    Path results;

    @Option(names = "--cache", description = "where sources and builds live (default: " + "/var/cache/rig/kernel" + ")")
    Path cache = KernelBuild.CACHE;

    @Option(names = "--no-build", description = "use the builds already in the cache")
    boolean noBuild;

    @Option(names = "--no-run", description = "print the matrix from the results already under --results (no build, no guest)")
    boolean noRun;

    @Option(names = "--disks", paramLabel = "virtio|loop",
            description = "the guests' TEST_DEV and SCRATCH_DEV (rig vm --disks): virtio (default) or loop")
    GuestDisks disks = GuestDisks.virtio;

    @Parameters(paramLabel = "TEST", description = "the tests run on every kernel (default: generic/250 276 647 708 729, rig/300 310 311 312 320 330)")
    List<String> tests = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        Path home = rig.cli.RigMain.home();
        Path dir = mutants != null ? mutants : home.resolve("kernel/mutants").resolve(debian);
        List<Mutant> all = mutants(dir);
        List<String> run = tests.isEmpty() ? DEFAULT_TESTS : tests;
        Path out = (results != null ? results : home.resolve("results/detect")).toAbsolutePath();
        String control = "control-" + debian;
        List<String> kernels = new ArrayList<>(List.of(control));
        all.forEach(m -> kernels.add(m.name()));
        if (!noRun) {
            Map<String, Path> images = new LinkedHashMap<>();
            images.put(control, image(control, null, null));
            for (Mutant m : all) {
                images.put(m.name(), image("mutant-" + debian + "-" + m.name(), control, m.patch()));
            }
            for (var k : images.entrySet()) {
                guest(home, k.getValue(), out.resolve(k.getKey()), disks, run);
            }
        }
        Map<String, Map<String, Detection>> matrix = new LinkedHashMap<>();
        for (String k : kernels) {
            matrix.put(k, detections(out.resolve(k), run));
        }
        return print(control, all, run, matrix, out);
    }

    private static List<Mutant> mutants(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new BadBuildException("--mutants " + dir + ": no such directory of mutant patches");
        }
        List<Mutant> all = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".patch")).sorted().toList()) {
                all.add(Mutant.read(p));
            }
        }
        return all;
    }

    private Path image(String name, String from, Path patch) throws IOException {
        Path image = cache.resolve("build-" + name).resolve("arch/x86/boot/bzImage");
        if (noBuild) {
            if (!Files.isRegularFile(image)) {
                throw new BadBuildException("--no-build: " + image + " is missing; run without --no-build");
            }
            return image;
        }
        return KernelBuild.of(null, debian, name, from, patch == null ? List.of() : List.of(patch), cache).build();
    }

    /** rig vm check --kernel IMAGE --results TREE --disks DISKS TESTS, its output passed through. */
    private static void guest(Path home, Path image, Path tree, GuestDisks disks, List<String> tests) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(home.resolve("bin/rig").toString(), "vm", "check", "--kernel",
                image.toString(), "--results", tree.toString(), "--disks", disks.name()));
        cmd.addAll(tests);
        System.err.println("rig kernel detect: " + String.join(" ", cmd));
        Exec.Result r = Exec.run(Duration.ofHours(2), home, Map.of("RIG_SKIP_BUILD", "1"), cmd);
        System.err.print(r.stdout());
        System.err.print(r.stderr());
    }

    private static Map<String, Detection> detections(Path tree, List<String> tests) throws IOException {
        Map<String, Detection> row = new LinkedHashMap<>();
        for (String t : tests) {
            row.put(t, find(tree, t));
        }
        return row;
    }

    /** The test's verdict anywhere under the kernel's tree (a section directory may sit in between). */
    private static Detection find(Path tree, String test) throws IOException {
        if (!Files.isDirectory(tree)) {
            return Detection.MISSING;
        }
        try (Stream<Path> s = Files.walk(tree)) {
            Path outcome = s.filter(p -> p.toString().endsWith("/" + test + rig.results.Verdict.SUFFIX)).findFirst().orElse(null);
            return outcome == null ? Detection.MISSING : Detection.of(Path.of(outcome.toString()
                    .substring(0, outcome.toString().length() - rig.results.Verdict.SUFFIX.length())));
        }
    }

    private static int print(String control, List<Mutant> mutants, List<String> tests,
                             Map<String, Map<String, Detection>> matrix, Path out) {
        System.out.println("rig kernel detect: results in " + out);
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-34s", "kernel"));
        tests.forEach(t -> head.append(String.format(Locale.ROOT, " %-22s", t)));
        System.out.println(head.append(" verdict"));
        boolean ok = true;
        for (var row : matrix.entrySet()) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-34s", row.getKey()));
            tests.forEach(t -> line.append(String.format(Locale.ROOT, " %-22s", row.getValue().get(t).cell())));
            String verdict = row.getKey().equals(control) ? controlVerdict(row.getValue())
                    : mutantVerdict(mutants.stream().filter(m -> m.name().equals(row.getKey())).findFirst().orElseThrow(),
                    row.getValue());
            ok &= verdict.startsWith("ok") || verdict.startsWith("caught");
            System.out.println(line.append(' ').append(verdict));
        }
        for (Mutant m : mutants) {
            System.out.println("  " + m.name() + ": " + m.description()
                    + (m.blind() ? " (no Rig-Expect: any failure catches it)" : " (expected: " + m.expected() + ")"));
        }
        return ok ? 0 : 1;
    }

    private static String controlVerdict(Map<String, Detection> row) {
        List<String> failed = row.entrySet().stream().filter(e -> e.getValue().status() != rig.results.Status.PASS
                && e.getValue().status() != rig.results.Status.NOTRUN).map(Map.Entry::getKey).toList();
        return failed.isEmpty() ? "ok: the control passes" : "CONTROL FAILED: " + failed;
    }

    static String mutantVerdict(Mutant m, Map<String, Detection> row) {
        if (m.blind()) {
            List<String> failed = row.entrySet().stream().filter(e -> e.getValue().status() == rig.results.Status.FAIL)
                    .map(e -> e.getKey() + " " + e.getValue().how()).toList();
            return failed.isEmpty() ? "MISSED (no test failed)" : "caught: " + String.join(", ", failed);
        }
        List<String> caught = new ArrayList<>();
        for (Mutant.Expectation e : m.expected()) {
            Detection d = row.getOrDefault(e.test(), Detection.MISSING);
            if (d.status() == rig.results.Status.FAIL && d.signs().contains(e.sign())) {
                caught.add(e.toString());
            }
        }
        if (!caught.isEmpty()) {
            return "caught: " + String.join(", ", caught);
        }
        boolean failedSomewhere = row.values().stream().anyMatch(d -> d.status() == rig.results.Status.FAIL);
        return failedSomewhere ? "WRONG SIGNATURE (expected " + m.expected() + ")" : "MISSED (expected " + m.expected() + ")";
    }
}
