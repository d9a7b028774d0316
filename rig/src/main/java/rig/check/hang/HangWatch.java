package rig.check.hang;

import rig.check.run.Checkers;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import rig.check.api.CheckContext;
import rig.check.api.HangEvidence;
import rig.checkers.scope.TestScope;
import rig.config.Setting;
import rig.devices.own.Registry;
import rig.sys.BlockStat;

/**
 * Decides, before the timeout, that a test stopped making progress, on any backend (the Java
 * device, dm in a guest, a plain loop device, a configured disk) and on TEST_DEV as on
 * SCRATCH_DEV: a task of the test is blocked in the kernel past RIG_BLOCKED_THRESHOLD (the
 * blocked-task sampler says so); something is stuck: an ordered extent of the test's
 * filesystems is outstanding (the ledger says so), a request is in flight on one of its devices,
 * or a task has been blocked twice the threshold; and none of the test's block devices
 * (/sys/class/block/NAME/stat) completed a request for RIG_HANG_CONFIRM seconds (default 3)
 * since. The counters are read only once a task is blocked, so tests that never block pay
 * nothing. RIG_HANG_DETECT=no leaves hung tests to the timeout. Also builds the "hung: ..."
 * message naming the culprit.
 */
public final class HangWatch {

    private final boolean enabled;
    private final long confirmNanos;
    private final long thresholdMillis;
    private final TestScope scope;
    private long completed = -1;
    private long unchangedSince;

    public HangWatch(CheckContext ctx, Registry registry) {
        this.enabled = Setting.RIG_HANG_DETECT.on(ctx.config());
        this.confirmNanos = Setting.RIG_HANG_CONFIRM.number(ctx.config()) * 1_000_000_000L;
        this.thresholdMillis = Setting.RIG_BLOCKED_THRESHOLD.number(ctx.config()) * 1000L;
        this.scope = TestScope.of(ctx, registry);
    }

    /** True once progress stopped (see the class comment); called with each checker poll. */
    public boolean progressStopped(Checkers checkers) {
        if (!enabled) {
            return false;
        }
        HangEvidence evidence = checkers.evidence();
        List<HangEvidence.Blocked> blocked = evidence.blocked().stream().filter(HangEvidence.Blocked::stillBlocked).toList();
        if (blocked.isEmpty()) {
            completed = -1;
            return false;
        }
        scope.refresh();
        BlockStat io = io(evidence);
        boolean stuck = !evidence.outstanding().isEmpty() || io.inFlight() > 0
                || blocked.stream().anyMatch(b -> b.blockedMillis() >= 2 * thresholdMillis);
        if (!stuck) {
            completed = -1;
            return false;
        }
        long now = System.nanoTime();
        if (io.completed() != completed) {
            completed = io.completed();
            unchangedSince = now;
            return false;
        }
        return now - unchangedSince >= confirmNanos;
    }

    /** The I/O counters of the test's devices, and of the devices under its outstanding ordered extents, summed. */
    private BlockStat io(HangEvidence evidence) {
        Set<String> devices = new HashSet<>(scope.devices());
        evidence.outstanding().forEach(o -> devices.addAll(o.devices()));
        BlockStat sum = BlockStat.NONE;
        for (String d : devices) {
            sum = sum.plus(BlockStat.of(d).orElse(BlockStat.NONE));
        }
        return sum;
    }

    /**
     * "hung: task sync:1234 blocked 12 s in btrfs_wait_ordered_extents; ordered extent root 5 ino 257
     * [0, 1048576) outstanding": the task waiting on ordered extents if there is one, else the
     * longest blocked; empty when no task of the test was blocked.
     */
    static Optional<String> culprit(HangEvidence evidence) {
        Optional<HangEvidence.Blocked> task = culpritTask(evidence);
        if (task.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder b = new StringBuilder("hung: ").append(task.get().line());
        for (HangEvidence.Outstanding oe : evidence.outstanding()) {
            b.append("; ordered extent ").append(oe.range()).append(" outstanding");
        }
        return Optional.of(b.toString());
    }

    /** The task a hang is named by: one waiting on ordered extents if there is one, else the longest blocked. */
    static Optional<HangEvidence.Blocked> culpritTask(HangEvidence evidence) {
        return evidence.blocked().stream()
                .max(Comparator.comparingInt((HangEvidence.Blocked t) -> t.function().contains("wait_ordered") ? 2
                                : t.function().contains("ordered") ? 1 : 0)
                        .thenComparing(HangEvidence.Blocked::stillBlocked)
                        .thenComparingLong(HangEvidence.Blocked::blockedMillis));
    }
}
