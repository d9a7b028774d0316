package rig.tests.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import rig.sys.Exec;

/** Runs the packaged ./check of this tree (no rebuild) as a black box. */
final class Cli {

    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Pattern BACKING = Pattern.compile("rig-(?:rig-)?(\\d+)-(?:test|scratch)[-.].*img");

    private Cli() {
    }

    static boolean root() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
                .anyMatch(l -> l.startsWith("Uid:") && l.split("\\s+")[1].equals("0"));
    }

    /** The embedded default's first section, which {@link #check} runs alone unless told otherwise. */
    static final String SECTION = "btrfs";

    /**
     * ./check {@code args} with results under {@code resultBase}; with the embedded default only its
     * [btrfs] section runs (-s btrfs) unless {@code args} or {@code env} choose sections or a configuration.
     */
    static Exec.Result check(Path resultBase, Map<String, String> env, String... args) throws IOException {
        List<String> a = new ArrayList<>(List.of(args));
        boolean chosen = a.contains("-s") || a.contains("-S") || env.containsKey("HOST_OPTIONS") || env.containsKey("FSTYP")
                || env.containsKey("MOUNT_OPTIONS");
        if (!chosen) {
            a.addAll(0, List.of("-s", SECTION));
        }
        return checkAsIs(resultBase, env, a.toArray(String[]::new));
    }

    /** ./check {@code args} exactly as given. */
    static Exec.Result checkAsIs(Path resultBase, Map<String, String> env, String... args) throws IOException {
        Map<String, String> all = new HashMap<>(env);
        all.put("RIG_SKIP_BUILD", "1");
        all.put("RESULT_BASE", resultBase.toString());
        List<String> cmd = new ArrayList<>();
        cmd.add(ROOT.resolve("check").toString());
        cmd.addAll(List.of(args));
        return Exec.run(Duration.ofMinutes(3), ROOT, all, cmd);
    }

    /** Runs the packaged bin/rig with {@code args}. */
    static Exec.Result rig(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ROOT.resolve("bin/rig").toString());
        cmd.addAll(List.of(args));
        return Exec.run(Duration.ofMinutes(1), ROOT, Map.of("RIG_SKIP_BUILD", "1"), cmd);
    }

    /** PIDs owning rig backing files in /dev/shm right now. */
    static List<String> backingOwners() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("/dev/shm"))) {
            return files.map(p -> BACKING.matcher(p.getFileName().toString())).filter(Matcher::matches)
                    .map(m -> m.group(1)).distinct().toList();
        }
    }

    static String describe(Exec.Result r) {
        return "exit " + r.exitCode() + "\nstdout:\n" + r.stdout() + "\nstderr:\n" + r.stderr();
    }
}
