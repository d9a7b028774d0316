package rig.engine.container;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

/**
 * What a container run left: the command's exit status (empty when the container was killed at
 * its timeout), its stdout, the results directory, the hang evidence gathered before the kill
 * (tasks in D state with their stacks), and the wall time.
 */
public record ContainerResult(String container, OptionalInt exitStatus, boolean timedOut, String stdout, Path results,
                              List<String> hangEvidence, Duration wall) {

    public ContainerResult {
        hangEvidence = List.copyOf(hangEvidence);
    }

    /** "Passed all 2 tests" / "Failed 1 of 2 tests (Failures: generic/708)" / why there is no verdict. */
    public String verdict() {
        return rig.results.CheckLog.lastVerdict(stdout).orElse(timedOut ? "killed at the timeout"
                : exitStatus.isPresent() ? "exit status " + exitStatus.getAsInt() : "no exit status");
    }
}
