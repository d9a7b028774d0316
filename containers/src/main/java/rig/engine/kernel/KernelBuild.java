package rig.engine.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import rig.sys.Exec;

/**
 * {@code rig kernel build}: a bootable guest kernel from a source tree or from Debian's
 * {@code linux-source-VERSION} package: x86_64_defconfig, the rig's fragment merged over it (with
 * LOCALVERSION), {@code make bzImage} through ccache in a build directory of its own (O=). With
 * {@code --patch} the patches are applied to the tree for the build and reverted after it (one
 * build of a tree at a time); {@code --from NAME} starts from a copy of that build's directory,
 * so a patched build compiles only the files its patches touch. Prints the image's path and
 * release; {@code rig vm check --kernel PATH} boots it.
 */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = {"Build a guest kernel (bzImage, everything built in) with the rig's fragment.",
            "rig kernel build --debian 6.1 --name control; rig kernel build --debian 6.1 --name m1 --patch m1.patch"})
public final class KernelBuild implements Callable<Integer> {

    static final Path CACHE = Path.of("/var/cache/rig/kernel");
    private static final Duration BUILD = Duration.ofHours(3);
    private static final Duration STEP = Duration.ofMinutes(20);

    @Option(names = "--source", paramLabel = "DIR", description = "a kernel source tree (else --debian)")
    Path source;

    @Option(names = "--debian", paramLabel = "VERSION", description = "Debian's linux-source-VERSION (6.1, 6.12), installed with apt when missing")
    String debian;

    @Option(names = "--name", defaultValue = "default", description = "this build's name: its build directory build-NAME")
    String name;

    @Option(names = "--from", paramLabel = "NAME", description = "start from a copy of build NAME's directory (an unpatched"
            + " build of the same tree): only what the patches change is compiled")
    String from;

    @Option(names = "--patch", paramLabel = "FILE", description = "a patch to apply (-p1), in order; repeatable")
    List<Path> patches = new ArrayList<>();

    @Option(names = "--localversion", description = "LOCALVERSION (default: -rig-NAME)")
    String localVersion;

    @Option(names = "--cache", description = "where sources, builds and ccache live (default: ${DEFAULT-VALUE})")
    Path cache = CACHE;

    @Option(names = "-j", description = "make -j (default: the number of CPUs)")
    int jobs = Runtime.getRuntime().availableProcessors();

    /** A build of {@code name}: from {@code source} or Debian's {@code debian}, {@code from} another build, with {@code patches}. */
    static KernelBuild of(Path source, String debian, String name, String from, List<Path> patches, Path cache) {
        KernelBuild b = new KernelBuild();
        b.source = source;
        b.debian = debian;
        b.name = name;
        b.from = from;
        b.patches = new ArrayList<>(patches);
        b.cache = cache;
        return b;
    }

    @Override
    public Integer call() throws IOException {
        Path image = build();
        System.out.println(image);
        return 0;
    }

    /** Builds the kernel; returns its bzImage. */
    Path build() throws IOException {
        if ((source == null) == (debian == null)) {
            throw new BadBuildException("give one of --source DIR (a kernel tree) or --debian VERSION (linux-source-VERSION)");
        }
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new BadBuildException("--name " + name + ": use letters, digits, '.', '_' and '-'");
        }
        for (Path p : patches) {
            if (!Files.isRegularFile(p)) {
                throw new BadBuildException("--patch " + p + ": no such file");
            }
        }
        KernelTree tree = new KernelTree(cache);
        Instant start = Instant.now();
        Path src = source != null ? source.toAbsolutePath() : tree.debianSource(debian, System.err);
        Path out = cache.resolve("build-" + name);
        if (from != null) {
            tree.seed(cache.resolve("build-" + from), out);
        }
        Files.createDirectories(out);
        try (KernelTree.Patched patched = tree.patch(src, patches, System.err)) {
            configure(src, out);
            System.err.println("rig kernel build: make bzImage in " + out + " (-j" + jobs + ", ccache in " + tree.ccache() + ")");
            make(src, out, BUILD, "-j" + jobs, "CC=ccache gcc", "bzImage");
        }
        Path image = out.resolve("arch/x86/boot/bzImage");
        String release = BzImage.release(image).orElse("?");
        System.err.println("rig kernel build: " + release + " built in " + Duration.between(start, Instant.now()).toSeconds()
                + " s; boot it with: bin/rig vm check --kernel " + image + " TESTS");
        return image;
    }

    /** x86_64_defconfig, then the fragment and LOCALVERSION merged over it; every option asked for must stick. */
    private void configure(Path src, Path out) throws IOException {
        make(src, out, STEP, "x86_64_defconfig");
        Path fragment = out.resolve("rig-guest.config");
        String lv = localVersion != null ? localVersion : "-rig-" + name;
        Files.writeString(fragment, KernelConfig.guestFragmentText() + "CONFIG_LOCALVERSION=\"" + lv + "\"\n"
                + "# CONFIG_LOCALVERSION_AUTO is not set\n");
        run(src, STEP, List.of("scripts/kconfig/merge_config.sh", "-m", "-O", out.toString(), out.resolve(".config").toString(),
                fragment.toString()));
        make(src, out, STEP, "olddefconfig");
        List<String> differ = KernelConfig.read(out.resolve(".config")).differing(KernelConfig.read(fragment));
        if (!differ.isEmpty()) {
            throw new BadBuildException("the kernel in " + src + " does not take the rig's fragment: " + String.join(", ", differ)
                    + " (a dependency missing in this version); edit " + fragment + " and rerun");
        }
    }

    private void make(Path src, Path out, Duration timeout, String... targets) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("make", "-s", "O=" + out));
        cmd.addAll(List.of(targets));
        run(src, timeout, cmd);
    }

    private void run(Path dir, Duration timeout, List<String> cmd) throws IOException {
        Map<String, String> env = Map.of("CCACHE_DIR", cache.resolve("ccache").toString(), "CCACHE_BASEDIR", cache.toString(),
                "CCACHE_NOHASHDIR", "true");
        Exec.Result r = Exec.run(timeout, dir, env, cmd);
        if (!r.ok()) {
            List<String> lines = r.output().lines().toList();
            String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
            throw new IOException(String.join(" ", cmd) + " in " + dir + " failed (exit " + r.exitCode() + "):\n" + tail);
        }
    }
}
