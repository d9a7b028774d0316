package rig.devices.own;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweeperTest {

    @TempDir
    Path tmp;

    /** A claim as a dead owner would have left it (pid 0 never owns anything). */
    private static void orphanClaim(Registry reg, Claim.Kind kind, String resource) throws IOException {
        Claim c = new Claim(kind, resource, Integer.MAX_VALUE - 1, 1, reg.dir().resolve("dead-" + kind + "-"
                + Math.abs(resource.hashCode())));
        try (var out = Files.newOutputStream(c.file())) {
            c.toProperties().store(out, null);
        }
    }

    @Test
    void removesOrphanedFilesAndDirectoriesAndForgetsTheirClaims() throws IOException {
        Registry reg = Registry.open(tmp.resolve("state"));
        Path file = Files.writeString(tmp.resolve("backing.img"), "x");
        Path dir = Files.createDirectories(tmp.resolve("work/sub"));
        Files.writeString(dir.resolve("f"), "y");
        orphanClaim(reg, Claim.Kind.BACKING_FILE, file.toString());
        orphanClaim(reg, Claim.Kind.DIRECTORY, tmp.resolve("work").toString());

        List<String> report = Sweeper.sweep(reg);

        assertEquals(2, report.size(), report.toString());
        assertTrue(report.get(0).startsWith("BACKING_FILE ") && report.get(0).endsWith(": deleted"), report.get(0));
        assertTrue(report.get(1).startsWith("DIRECTORY "), report.get(1));
        assertFalse(Files.exists(file));
        assertFalse(Files.exists(tmp.resolve("work")));
        assertTrue(reg.claims().isEmpty());
    }

    @Test
    void leavesClaimsOfLiveOwnersAlone() throws IOException {
        Registry reg = Registry.open(tmp.resolve("state"));
        Path file = Files.writeString(tmp.resolve("mine.img"), "x");
        reg.claim(Claim.Kind.BACKING_FILE, file.toString());

        assertTrue(Sweeper.sweep(reg).isEmpty());
        assertTrue(Files.exists(file));
        assertEquals(1, reg.claims().size());
    }

    @Test
    void neverKillsAProcessWhosePidWasReused() {
        long self = ProcessHandle.current().pid();
        long ticks = Claim.startTicks(self);
        var killed = new java.util.ArrayList<Long>();
        var outcome = Sweeper.killProcess(self + "|" + (ticks + 1) + "|someone else", killed);
        assertTrue(outcome.gone());
        assertTrue(outcome.text().contains("another process"), outcome.text());
        assertTrue(killed.isEmpty());
    }

    @Test
    void processClaimOfAnExitedProcessIsForgotten() {
        var outcome = Sweeper.killProcess((Integer.MAX_VALUE - 1) + "|5|gone", new java.util.ArrayList<>());
        assertTrue(outcome.gone());
        assertEquals("already exited", outcome.text());
    }

    @Test
    void loopClaimOfADetachedDeviceIsForgotten() throws IOException {
        var outcome = Sweeper.detachLoop("/dev/loop987654|/dev/shm/none");
        assertTrue(outcome.gone());
        assertEquals("already detached", outcome.text());
    }

    @Test
    void mountClaimOfAnUnmountedPathIsForgotten() throws IOException {
        assertEquals("not mounted", Sweeper.unmount(tmp).text());
        assertEquals("not mounted", Sweeper.abortFuse(Registry.open(tmp.resolve("state")), tmp).text());
    }

    @Test
    void keepsADirectoryThatStillHasAMount() throws IOException {
        // "/" always has mounts below it (proc, sys, ...): the sweep must refuse to delete
        var outcome = Sweeper.deleteTree(Path.of("/proc/.."));
        assertFalse(outcome.gone());
        assertTrue(outcome.text().startsWith("kept:"), outcome.text());
    }

    @Test
    void aGoneContainersRegistryIsForgottenNotActedOnForWhatDiedWithItsNamespaces() throws IOException {
        Registry inner = Registry.open(tmp.resolve("container-state"));
        // the same paths exist on this host: they are not the container's and must stay
        Path hostFile = Files.writeString(tmp.resolve("test.img"), "host's");
        Path hostDir = Files.createDirectories(tmp.resolve("work"));
        orphanClaim(inner, Claim.Kind.BACKING_FILE, hostFile.toString());
        orphanClaim(inner, Claim.Kind.DIRECTORY, hostDir.toString());
        orphanClaim(inner, Claim.Kind.MOUNT, "/");
        orphanClaim(inner, Claim.Kind.PROCESS, ProcessHandle.current().pid() + "|"
                + Claim.startTicks(ProcessHandle.current().pid()) + "|a pid of the container's namespace");
        orphanClaim(inner, Claim.Kind.LOOP_DEVICE, "/dev/loop987654|/dev/shm/rig-7-test.img|12@34");

        List<String> report = Sweeper.sweepGoneNamespaces(inner);

        assertEquals(5, report.size(), report.toString());
        assertTrue(report.stream().filter(l -> !l.startsWith("LOOP_DEVICE"))
                .allMatch(l -> l.endsWith("gone with the container's namespaces")), report.toString());
        assertTrue(report.contains("LOOP_DEVICE /dev/loop987654|/dev/shm/rig-7-test.img|12@34: already detached"),
                report.toString());
        assertTrue(Files.exists(hostFile) && Files.exists(hostDir));
        assertTrue(inner.claims().isEmpty());
    }

    @Test
    void aContainerClaimIsKeptWithoutAContainerEngine() throws IOException {
        // the devices module alone has no ContainerRemover on its class path
        var outcome = Sweeper.removeContainer("rig-1-bookworm|/run/rig/containers/rig-1-bookworm");
        assertFalse(outcome.gone());
        assertTrue(outcome.text().startsWith("kept: no container engine"), outcome.text());
    }
}
