package rig.engine.container;

import com.github.dockerjava.api.DockerClient;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;
import rig.devices.own.Registry;
import rig.devices.own.Sweeper;
import rig.engine.vm.GuestClasspath;

/**
 * {@code rig container check [--userland NAME]... [check arguments]}: runs this tree's
 * {@code ./check} in a container of each userland, on this host's kernel, with the rig's own
 * devices; results go to {@code results/container/USERLAND}, one configuration per userland for
 * {@code rig triage} and {@code rig report}. Prints each container's check output, then one line
 * per userland; exits with the worst status (3 when a container gave none).
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Run ./check in a Docker container of a pinned userland (debootstrap image, built once).",
            "Arguments the options below do not take go to ./check (tests, -g GROUP, -s SECTION, ...)."})
public final class ContainerCheck implements Callable<Integer> {

    /** Environment passed on to the container's ./check when set here. */
    static final List<String> PASSED = List.of("FSTYP", "MKFS_OPTIONS", "MOUNT_OPTIONS", "DIFF_LENGTH",
            "RIG_SCRATCH_BACKEND", "RIG_SCRATCH_SERVER", "RIG_DEVICE", "RIG_FSCK", "RIG_FSCK_TEST", "RIG_BLOCKED_THRESHOLD",
            "RIG_HANG_DETECT", "RIG_HANG_CONFIRM", "RIG_OE_STALL", "RIG_OE_GRACE", "STRESS_SEED");

    @Option(names = "--userland", paramLabel = "NAME",
            description = "bookworm (default), trixie or bookworm-backports; repeat it for a userland matrix")
    List<String> userlands = new ArrayList<>();

    @Option(names = "--results", description = "where results go (default: results/container/USERLAND in the tree)")
    Path results;

    @Option(names = "--timeout", description = "seconds a container may run before its hang is named and it is killed"
            + " (default: 3600)")
    long timeoutSeconds = 3600;

    @Unmatched
    List<String> checkArgs = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        List<Userland> lands = (userlands.isEmpty() ? List.of(ContainerEngine.DEFAULT_USERLAND) : userlands).stream().map(Userland::named)
                .toList();
        return check(lands, checkArgs, System.out, System.err);
    }

    int check(List<Userland> lands, List<String> args, PrintStream out, PrintStream err) throws IOException {
        Path tree = rig.cli.RigMain.home(); // the tree: where ./check and results/ are
        List<Path> shares = GuestClasspath.shares(tree, GuestClasspath.mavenRepository(), GuestClasspath.entries(tree));
        DockerClient docker = Docker.client();
        Registry registry = Registry.open();
        Sweeper.sweep(registry).forEach(line -> err.println("rig: swept " + line));
        List<String> summary = new ArrayList<>();
        int status = 0;
        for (Userland u : lands) {
            UserlandImage image = Images.ensure(docker, u, registry, err);
            Path resultBase = resultBase(tree, u);
            List<String> command = new ArrayList<>(List.of(tree.resolve("check").toString()));
            command.addAll(args);
            ContainerSpec spec = new ContainerSpec(image, shares, resultBase, tree, command, env(image, resultBase),
                    Duration.ofSeconds(timeoutSeconds));
            err.println("rig container: " + u.name() + " (" + image.packageLine() + "): " + String.join(" ", args));
            ContainerResult r = ContainerRun.run(spec, docker, registry, out, err);
            Files.writeString(resultBase.resolve("userland.txt"), "userland: " + u.name() + "\nimage: " + image.name()
                    + " " + image.id() + "\npackages: " + image.packageLine() + "\n");
            summary.add(u.name() + " (btrfs-progs " + image.packages().get("btrfs-progs") + "): " + r.verdict()
                    + ", results in " + r.results() + " (" + r.wall().toSeconds() + " s)");
            status = Math.max(status, r.exitStatus().orElse(3));
        }
        out.println();
        out.println("Userlands:");
        summary.forEach(l -> out.println("  " + l));
        return status;
    }

    Path resultBase(Path tree, Userland u) {
        Path base = results == null ? tree.resolve("results/container").resolve(u.name()) : results.resolve(u.name());
        return base.toAbsolutePath().normalize();
    }

    /** The container's environment: the run's knobs passed on, its results directory, and the userland it records. */
    static Map<String, String> env(UserlandImage image, Path resultBase) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : PASSED) {
            String v = System.getenv(name);
            if (v != null) {
                env.put(name, v);
            }
        }
        env.put("RESULT_BASE", resultBase.toString());
        env.put("RIG_ENGINE", "host"); // inside, ./check runs the tests itself
        env.put("RIG_SKIP_BUILD", "1"); // the tree is read-only there, built here
        env.put("RIG_NO_INSTALL", "1"); // the image carries what the rig runs
        env.put("RIG_USERLAND", image.userland().name());
        env.put("RIG_USERLAND_PACKAGES", image.packageLine());
        return env;
    }
}
