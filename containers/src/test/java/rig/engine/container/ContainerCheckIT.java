package rig.engine.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rig.devices.own.Sweeper;
import rig.sys.Exec;

/**
 * The container engine, black-box through bin/rig, on a real docker daemon and this host's
 * kernel: a bookworm container passes generic/250 and 708 and records its userland; a run
 * SIGKILLed mid-test leaves a container and loop devices that the next start removes. Skipped only
 * where docker is not installed (apt-get install docker.io): a daemon that does not answer fails.
 * The first run builds the image (debootstrap and apt, about 2 minutes); later ones take seconds.
 */
class ContainerCheckIT {

    static final Duration FIRST_BUILD_AND_RUN = Duration.ofMinutes(20);

    @TempDir
    Path tmp;

    private Path tree;
    private Map<String, String> env;

    @BeforeEach
    void requireDocker() {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "the container engine runs as root");
        Assumptions.assumeTrue(Exec.onPath("dockerd") || Files.isExecutable(Path.of("/usr/sbin/dockerd")),
                "docker is not installed (apt-get install docker.io)");
        Path here = Path.of("").toAbsolutePath();
        tree = Files.exists(here.resolve("check")) ? here : here.getParent();
        env = new HashMap<>(Map.of("RIG_SKIP_BUILD", "1", "RIG_STATE_DIR", tmp.resolve("state").toString()));
    }

    private Exec.Result rig(Duration timeout, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(tree.resolve("bin/rig").toString()));
        command.addAll(List.of(args));
        return Exec.run(timeout, tree, env, command);
    }

    @Test
    void generic250And708PassInABookwormContainerThatNamesItsUserland() throws IOException {
        Path results = tmp.resolve("results");
        Exec.Result r = rig(FIRST_BUILD_AND_RUN, "container", "check", "--userland", "bookworm", "--results",
                results.toString(), "-s", "btrfs", "-R", "xunit", "generic/250", "generic/708");
        String what = r.stdout() + r.stderr();
        System.out.println("ContainerCheckIT: " + what);
        assertEquals(0, r.exitCode(), what);
        assertTrue(r.stdout().contains("Passed all 2 tests"), what);
        assertTrue(r.stdout().matches("(?s).*\\n  bookworm \\(btrfs-progs [0-9][^)]*\\): Passed all 2 tests.*"), what);
        String xml = Files.readString(results.resolve("bookworm/btrfs/result.xml"));
        assertTrue(xml.contains("<property name=\"USERLAND\" value=\"bookworm\"/>"), xml);
        assertTrue(xml.matches("(?s).*<property name=\"USERLAND_PACKAGES\" value=\"btrfs-progs=[0-9][^ ]* .*"), xml);
        assertTrue(Files.readString(results.resolve("bookworm/userland.txt")).contains("btrfs-progs="));
        assertNothingLeft();
    }

    @Test
    void aRunKilledMidTestLeavesNothingAfterTheNextStart() throws Exception {
        rig(FIRST_BUILD_AND_RUN, "container", "check", "--userland", "bookworm", "--results",
                tmp.resolve("warm").toString(), "-n", "generic/250"); // the image, so the kill lands mid-test
        ProcessBuilder pb = new ProcessBuilder(tree.resolve("bin/rig").toString(), "container", "check", "--userland",
                "bookworm", "--results", tmp.resolve("killed").toString(), "-s", "btrfs", "-g", "quick")
                .directory(tree.toFile()).redirectOutput(tmp.resolve("killed.out").toFile())
                .redirectError(tmp.resolve("killed.err").toFile());
        pb.environment().putAll(env);
        Process run = pb.start();
        List<String> loops;
        try {
            loops = awaitLoopClaims(Duration.ofMinutes(3));
        } finally {
            run.destroyForcibly(); // SIGKILL of the rig itself (bin/rig execs the JVM): no hook runs
            run.waitFor();
        }
        String container = "rig-" + run.pid() + "-bookworm-1";
        assertTrue(docker("ps", "-a", "--filter", "name=" + container, "-q").stdout().strip().length() > 0,
                "the killed run's container should still be there before the next start");

        Exec.Result next = rig(Duration.ofMinutes(5), "container", "check", "--userland", "bookworm", "--results",
                tmp.resolve("next").toString(), "-s", "btrfs", "generic/708");
        String what = next.stdout() + next.stderr();
        assertEquals(0, next.exitCode(), what);
        assertTrue(next.stderr().contains("rig: swept CONTAINER " + container + "|"), what);
        assertEquals("", docker("ps", "-a", "--filter", "name=" + container, "-q").stdout().strip(), what);
        for (String loop : loops) {
            String outcome = Sweeper.detachLoop(loop).text();
            assertTrue(outcome.equals("already detached") || outcome.endsWith("left alone"), loop + ": " + outcome);
        }
        assertNothingLeft();
    }

    @Test
    void aDaemonThatDoesNotAnswerIsOneLineNamingTheCommandThatStartsIt() throws IOException {
        env.put("DOCKER_HOST", "unix://" + tmp.resolve("no-daemon.sock"));
        Exec.Result r = rig(Duration.ofMinutes(1), "container", "check", "generic/250");
        assertEquals(2, r.exitCode(), r.stdout() + r.stderr());
        assertEquals("rig: no docker daemon answers on " + tmp.resolve("no-daemon.sock")
                + ": start it: bin/dockerd-up (or: systemctl start docker)\n", r.stderr());
    }

    /** The loop devices the killed run's container attached, from its rig's claims (as the registry holds them). */
    private List<String> awaitLoopClaims(Duration limit) throws Exception {
        Path parent = tmp.resolve("state-containers");
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            List<String> loops = new ArrayList<>();
            if (Files.isDirectory(parent)) {
                try (Stream<Path> s = Files.walk(parent, 2)) {
                    for (Path f : s.filter(p -> p.toString().endsWith(".loop_device")).toList()) {
                        java.util.Properties p = new java.util.Properties();
                        try (var in = Files.newInputStream(f)) {
                            p.load(in);
                        }
                        loops.add(p.getProperty("resource"));
                    }
                }
            }
            if (loops.size() >= 2) { // TEST and SCRATCH: the run is in a test
                return loops;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the container's rig attached no loop devices within " + limit.toSeconds() + " s");
    }

    private void assertNothingLeft() throws IOException {
        Path parent = tmp.resolve("state-containers");
        if (Files.isDirectory(parent)) {
            try (Stream<Path> s = Files.list(parent)) {
                assertEquals(List.of(), s.toList(), "container state directories left behind");
            }
        }
        try (Stream<Path> s = Files.list(tmp.resolve("state"))) {
            assertEquals(List.of(), s.toList(), "claims left in the registry");
        }
    }

    private static Exec.Result docker(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        return Exec.run(Duration.ofMinutes(1), command).orThrow();
    }
}
