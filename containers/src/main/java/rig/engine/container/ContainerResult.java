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
        List<String> lines = stdout.lines().toList();
        String v = lines.stream().filter(l -> l.startsWith("Passed all ") || l.matches("Failed \\d+ of \\d+ tests.*"))
                .reduce((a, b) -> b).orElse(timedOut ? "killed at the timeout" : exitStatus.isPresent()
                        ? "exit status " + exitStatus.getAsInt() : "no exit status");
        String failures = lines.stream().filter(l -> l.startsWith("Failures: ")).reduce((a, b) -> b)
                .map(f -> " (" + f + ")").orElse("");
        return v + failures;
    }
}
