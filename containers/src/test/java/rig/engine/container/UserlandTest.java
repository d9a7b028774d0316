package rig.engine.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import rig.config.UserInputException;

class UserlandTest {

    @Test
    void aBadNameIsOneLineNamingTheKnownOnes() {
        UserInputException e = assertThrows(UserInputException.class, () -> Userland.named("sid"));
        assertEquals("no userland 'sid': --userland takes bookworm, bookworm-backports, trixie", e.getMessage());
    }

    @Test
    void theImageCarriesWhatCheckRunsAndAJre() {
        Userland trixie = Userland.named("trixie");
        assertTrue(trixie.packages().containsAll(java.util.List.of("btrfs-progs", "xfsprogs", "e2fsprogs", "fuse3",
                "util-linux", "openjdk-21-jre-headless")), trixie.packages().toString());
        assertFalse(trixie.packages().contains("docker.io"), "only the check group's tools");
    }

    @Test
    void backportsTakeTheToolsFromTheirSuite() {
        String script = Images.installScript(Userland.named("bookworm-backports"), "http://deb.debian.org/debian");
        assertTrue(script.startsWith("echo 'deb http://deb.debian.org/debian bookworm-backports main' > "), script);
        assertTrue(script.contains("apt-get install -y -q --no-install-recommends -t bookworm-backports btrfs-progs "), script);
        String plain = Images.installScript(Userland.named("bookworm"), "http://deb.debian.org/debian");
        assertFalse(plain.contains("-t ") || plain.contains("sources.list.d"), plain);
        assertTrue(plain.endsWith("apt-get clean && rm -rf /var/lib/apt/lists/*"), plain);
    }

    @Test
    void packageVersionsRoundTripThroughTheLabel() {
        UserlandImage image = new UserlandImage("rig-userland:trixie-v1", "sha256:1", Userland.named("trixie"),
                Map.of("xfsprogs", "6.13.0-2+deb13u1", "btrfs-progs", "6.14-1"));
        assertEquals("btrfs-progs=6.14-1 xfsprogs=6.13.0-2+deb13u1", image.packageLine());
        assertEquals(image.packages(), UserlandImage.parsePackages(image.packageLine()));
        assertEquals(Map.of("e2fsprogs", "1.47.0-2+b2"), UserlandImage.parsePackages("e2fsprogs=1.47.0-2+b2\n"));
    }

    @Test
    void theContainersCheckRunsTheTestsItselfAndRecordsItsUserland() {
        UserlandImage image = new UserlandImage("rig-userland:bookworm-v1", "sha256:1", Userland.named("bookworm"),
                Map.of("btrfs-progs", "6.2-1+deb12u2"));
        Map<String, String> env = ContainerCheck.env(image, Path.of("/t/results/container/bookworm"));
        assertEquals("host", env.get("RIG_ENGINE"), "./check inside must not start another container");
        assertEquals("/t/results/container/bookworm", env.get("RESULT_BASE"));
        assertEquals("bookworm", env.get("RIG_USERLAND"));
        assertEquals("btrfs-progs=6.2-1+deb12u2", env.get("RIG_USERLAND_PACKAGES"));
        assertEquals("1", env.get("RIG_SKIP_BUILD"));
    }

    @Test
    void theDaemonsSocketComesFromDockerHost() {
        assertEquals(Path.of("/var/run/docker.sock"), Docker.socket(null));
        assertEquals(Path.of("/tmp/d.sock"), Docker.socket("unix:///tmp/d.sock"));
        assertEquals(Path.of("/var/run/docker.sock"), Docker.socket("tcp://10.0.0.1:2375"));
    }

    @Test
    void theVerdictIsTheLastCheckSummary() {
        ContainerResult r = new ContainerResult("rig-1-bookworm-1", java.util.OptionalInt.of(1), false,
                "Ran: generic/250\nPassed all 1 tests\n\nRan: generic/708\nFailures: generic/708\nFailed 1 of 1 tests\n",
                Path.of("/r"), java.util.List.of(), java.time.Duration.ofSeconds(3));
        assertEquals("Failed 1 of 1 tests (Failures: generic/708)", r.verdict());
        ContainerResult killed = new ContainerResult("rig-1-bookworm-1", java.util.OptionalInt.empty(), true, "",
                Path.of("/r"), java.util.List.of("task java:9 blocked (D) in folio_wait_bit"), java.time.Duration.ZERO);
        assertEquals("killed at the timeout", killed.verdict());
    }
}
