package rig.engine.vm;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code rig vm ...}: the vm engine's commands ({@code rig vm check}). */
@Command(name = "vm", mixinStandardHelpOptions = true, subcommands = {VmCheck.class, VmRun.class},
        description = "Run the rig inside a QEMU guest (a kernel with device-mapper; hangs cannot touch the host).")
public final class VmCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 0;
    }
}
