package rig.triage.oops;

import java.util.List;

/** Picks the guilty frame's name among the frames left after skipping, or returns null. */
@FunctionalInterface
interface FrameExtractor {
    String pick(List<String> frames);

    FrameExtractor FIRST = frames -> frames.isEmpty() ? null : frames.get(0);

    /**
     * Stalls and lockups loop in code reached from somewhere meaningful: the frame just above the first
     * dispatching frame (syscall entry, workqueue, vfs_write, ...) names them, not the top frame, which is
     * wherever the loop happened to be.
     */
    FrameExtractor STALL = frames -> {
        if (frames.isEmpty()) {
            return null;
        }
        String prev = frames.get(0);
        for (String f : frames) {
            if (Rx.any(StackRules.STALL_ANCHORS, f)) {
                return f.contains("smp_call_function") ? "smp_call_function" : prev;
            }
            prev = f;
        }
        return null;
    };

    /**
     * Hung tasks show the victim, not the cause: waits on RCU are one bucket ("synchronize_rcu"), waits on
     * rtnl_lock another; otherwise the first frame that is not waiting machinery.
     */
    FrameExtractor HUNG_TASK = frames -> {
        for (String f : frames) {
            if (f.contains("rtnl_lock")) {
                return f;
            }
            for (String rcu : List.of("synchronize_rcu", "synchronize_srcu", "synchronize_net", "synchronize_sched")) {
                if (f.contains(rcu)) {
                    return "synchronize_rcu";
                }
            }
        }
        next:
        for (String f : frames) {
            for (String s : StackRules.HUNG_TASK_SKIP) {
                if (f.contains(s)) {
                    continue next;
                }
            }
            return f;
        }
        return null;
    };
}
