package rig.engine.kernel;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code rig kernel ...}: guest kernels for rig vm ({@code rig kernel build}). */
@Command(name = "kernel", mixinStandardHelpOptions = true, subcommands = {KernelBuild.class, KernelDetect.class},
        description = "Build guest kernels for rig vm check --kernel PATH (never part of CI: tens of minutes here).")
public final class KernelCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 0;
    }
}
