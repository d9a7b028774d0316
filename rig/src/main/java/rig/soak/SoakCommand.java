package rig.soak;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import rig.cli.ExitCode;
import rig.cli.RigMain;
import rig.config.UserInputException;

/** {@code rig soak [--iterations N] [--seed S] [CHECK ARGS...]}: see {@link Soak}. */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = {"Run ./check again and again with random fault tables on SCRATCH and random interruptions"
                + " (SIGKILL or SIGTERM of the runner, the worker or the device server), and count what each iteration"
                + " leaves on the host: loop devices, FUSE mounts, mounts, tracing instances, processes, /dev/shm files,"
                + " registry claims.",
            "Exit status: 0 no leak and no rig crash, 1 a leak, 3 a rig crash (a run that exited 3)."})
public final class SoakCommand implements Callable<ExitCode> {
    @Option(names = "--iterations", defaultValue = "20", description = "iterations (default ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--seed", description = "the seed that draws the plans (default: random, printed)")
    Long seed;

    @Parameters(paramLabel = "CHECK-ARG", description = "./check arguments (default: -g quick --timeout 30)")
    List<String> checkArgs = new ArrayList<>();

    @Override
    public ExitCode call() throws Exception {
        if (iterations < 1) {
            throw new UserInputException("--iterations " + iterations + ": give a number of iterations of 1 or more");
        }
        List<String> args = checkArgs.isEmpty() ? List.of("-g", "quick", "--timeout", "30") : checkArgs;
        String state = System.getenv("RIG_STATE_DIR");
        Path stateDir = Path.of(state == null || state.isBlank() ? "/run/rig" : state);
        long s = seed != null ? seed : new java.util.Random().nextLong();
        Soak.Totals t = new Soak(RigMain.home(), stateDir, args, System.out).run(iterations, s);
        return t.crashes() > 0 ? ExitCode.INTERNAL : t.leaks() > 0 ? ExitCode.TEST_FAILED : ExitCode.OK;
    }
}
