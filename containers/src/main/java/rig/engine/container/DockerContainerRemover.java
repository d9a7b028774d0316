package rig.engine.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import rig.devices.own.ContainerRemover;
import rig.devices.own.Registry;
import rig.devices.own.Sweeper;

/**
 * Removes the container of an orphaned claim ("NAME|STATE_DIR": a rig killed while its container
 * ran), first aborting the FUSE connections of its rig's Java devices, then sweeps what the
 * container's rig recorded in its state directory and the kernel keeps after the container's
 * namespaces are gone: loop devices and tracing instances. Registered for
 * {@link java.util.ServiceLoader}, so every sweep (./check's start, rig container check's) does it.
 */
public final class DockerContainerRemover implements ContainerRemover {

    /** The claim's resource. */
    static String resource(String name, Path stateDir) {
        return name + "|" + stateDir;
    }

    @Override
    public Sweeper.Outcome remove(String resource) throws IOException {
        String[] f = resource.split("\\|", 2);
        if (f.length != 2 || !f[0].startsWith("rig-")) {
            return new Sweeper.Outcome(true, "not a rig container claim; forgotten");
        }
        if (!Docker.answers()) {
            return new Sweeper.Outcome(false, "kept: no docker daemon answers on " + Docker.socket() + " (start it: "
                    + Docker.START + ")");
        }
        DockerClient docker = Docker.client();
        Path state = Path.of(f[1]);
        Registry inner = Files.isDirectory(state) ? Registry.open(state) : null;
        List<String> aborted = inner != null ? abortFuse(docker, f[0], inner) : List.of();
        String removed;
        try {
            docker.removeContainerCmd(f[0]).withForce(true).withRemoveVolumes(true).exec();
            removed = "container removed";
        } catch (NotFoundException e) {
            removed = "container already gone";
        }
        if (!aborted.isEmpty()) {
            removed = String.join(", ", aborted) + "; " + removed;
        }
        if (inner == null) {
            return new Sweeper.Outcome(true, removed);
        }
        List<String> swept = Sweeper.sweepGoneNamespaces(inner);
        boolean all = inner.claims().isEmpty();
        String text = removed + "; its rig's claims: " + (swept.isEmpty() ? "none" : String.join("; ", swept));
        return new Sweeper.Outcome(all, all ? text : "kept: " + text);
    }

    /**
     * Aborts the FUSE connections of the Java devices the container's rig claimed, before the
     * container is killed: killing it unmounts the btrfs on the loop device over that FUSE file as
     * its last process exits, and that unmount's sync waits for FUSE requests whose server dies in
     * the same kill. It then never ends (seen: "did not receive an exit event"), the container stays,
     * and every sync(2) on the host waits behind its superblock. The mounts are found in the mount
     * tables of the container's processes (the claims name them as the container sees them).
     */
    static List<String> abortFuse(DockerClient docker, String name, Registry inner) {
        java.util.Set<String> claimed = new java.util.HashSet<>();
        inner.claims().stream().filter(c -> c.kind() == rig.devices.own.Claim.Kind.FUSE_MOUNT)
                .forEach(c -> claimed.add(c.resource()));
        if (claimed.isEmpty()) {
            return List.of();
        }
        java.util.Set<Integer> connections = new java.util.TreeSet<>();
        for (long pid : hostPids(docker, name)) {
            for (rig.devices.own.Mounts.Mount m : rig.devices.own.Mounts.of(pid)) {
                if (m.fsType().startsWith("fuse") && claimed.contains(m.mountPoint().toString())) {
                    connections.add(m.minor());
                }
            }
        }
        List<String> done = new java.util.ArrayList<>();
        for (int c : connections) {
            try {
                if (rig.devices.own.FuseConnections.abort(Registry.open(), c)) {
                    done.add("FUSE connection " + c + " aborted");
                }
            } catch (IOException e) {
                done.add("FUSE connection " + c + " not aborted: " + e.getMessage());
            }
        }
        return done;
    }

    /** The host PIDs of a running container's processes (none when it is not running or gone). */
    private static List<Long> hostPids(DockerClient docker, String name) {
        try {
            var top = docker.topContainerCmd(name).withPsArgs("-eo pid").exec();
            List<Long> pids = new java.util.ArrayList<>();
            for (String[] row : top.getProcesses()) {
                pids.add(Long.parseLong(row[0].strip()));
            }
            return pids;
        } catch (RuntimeException e) {
            return List.of(); // not running, gone, or a row we cannot read: nothing to abort through it
        }
    }
}
