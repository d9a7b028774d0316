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
 * ran), then sweeps what the container's rig recorded in its state directory and the kernel keeps
 * after the container's namespaces are gone: loop devices and tracing instances. Registered for
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
        String removed;
        try {
            docker.removeContainerCmd(f[0]).withForce(true).withRemoveVolumes(true).exec();
            removed = "container removed";
        } catch (NotFoundException e) {
            removed = "container already gone";
        }
        Path state = Path.of(f[1]);
        if (!Files.isDirectory(state)) {
            return new Sweeper.Outcome(true, removed);
        }
        Registry inner = Registry.open(state);
        List<String> swept = Sweeper.sweepGoneNamespaces(inner);
        boolean all = inner.claims().isEmpty();
        String text = removed + "; its rig's claims: " + (swept.isEmpty() ? "none" : String.join("; ", swept));
        return new Sweeper.Outcome(all, all ? text : "kept: " + text);
    }
}
