package rig.check.api;

import java.util.ArrayList;
import java.util.List;

/**
 * What checkers know, while a test runs, of why it may be stuck: the test's tasks blocked in the
 * kernel, and the ordered extents (or other I/O) still outstanding, each with the devices under
 * it. The runner merges every checker's evidence to decide that progress stopped and to name the
 * culprit of a hang.
 */
public record HangEvidence(List<Blocked> blocked, List<Outstanding> outstanding) {

    public static final HangEvidence NONE = new HangEvidence(List.of(), List.of());

    /**
     * A task blocked in the kernel: {@code line} as reports show it ("task sync:1234 blocked 12 s in
     * btrfs_wait_ordered_extents"), the function it waits in, for how long, and whether it is
     * blocked still.
     */
    public record Blocked(String line, String function, long blockedMillis, boolean stillBlocked) {
    }

    /** Outstanding I/O: "root 5 ino 257 [0, 1048576)", and the kernel names of the devices it is on ("loop1"). */
    public record Outstanding(String range, List<String> devices) {
    }

    public HangEvidence {
        blocked = List.copyOf(blocked);
        outstanding = List.copyOf(outstanding);
    }

    /** This evidence and {@code other}'s together. */
    public HangEvidence plus(HangEvidence other) {
        List<Blocked> b = new ArrayList<>(blocked);
        b.addAll(other.blocked);
        List<Outstanding> o = new ArrayList<>(outstanding);
        o.addAll(other.outstanding);
        return new HangEvidence(b, o);
    }
}
