package rig.engine.container;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code rig container ...}: the container engine's commands ({@code rig container check}). */
@Command(name = "container", mixinStandardHelpOptions = true, subcommands = {ContainerCheck.class},
        description = "Run the rig in a Docker container of a pinned userland, on this host's kernel (testcontainers).")
public final class ContainerCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 0;
    }
}
