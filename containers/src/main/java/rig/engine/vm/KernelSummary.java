package rig.engine.vm;

import java.util.List;

/** The line a kernel matrix prints for one kernel: its release and what its guest's ./check said. */
final class KernelSummary {
    private KernelSummary() {
    }

    /** "6.1.192-rig: Failed 1 of 3 tests (Failures: generic/708), results in results/vm/6.1.192-rig". */
    static String line(String release, VmResult r) {
        List<String> lines = r.stdout().lines().toList();
        String verdict = lines.stream().filter(l -> l.startsWith("Passed all ") || l.matches("Failed \\d+ of \\d+ tests.*"))
                .reduce((a, b) -> b).orElse(r.exitStatus().isPresent() ? "exit status " + r.exitStatus().getAsInt()
                        : r.timedOut() ? "killed at the guest's timeout" : "no exit status from the guest");
        String failures = lines.stream().filter(l -> l.startsWith("Failures: ")).reduce((a, b) -> b)
                .map(f -> " (" + f + ")").orElse("");
        return release + ": " + verdict + failures + ", results in " + r.results();
    }
}
