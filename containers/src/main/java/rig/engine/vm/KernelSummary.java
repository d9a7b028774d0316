package rig.engine.vm;

/** The line a kernel matrix prints for one kernel: its release and what its guest's ./check said. */
final class KernelSummary {
    private KernelSummary() {
    }

    /** "6.1.192-rig: Failed 1 of 3 tests (Failures: generic/708), results in results/vm/6.1.192-rig". */
    static String line(String release, VmResult r) {
        String verdict = rig.results.CheckLog.lastVerdict(r.stdout()).orElse(r.exitStatus().isPresent()
                ? "exit status " + r.exitStatus().getAsInt()
                : r.timedOut() ? "killed at the guest's timeout" : "no exit status from the guest");
        return release + ": " + verdict + ", results in " + r.results();
    }
}
