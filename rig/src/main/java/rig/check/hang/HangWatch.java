package rig.check.hang;

import rig.check.run.Checkers;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import rig.check.api.HangEvidence;
import rig.config.Setting;
import rig.devices.DeviceControl;

/**
 * Decides, before the timeout, that a test stopped making progress: a task of the test is
 * blocked in the kernel past RIG_BLOCKED_THRESHOLD (the blocked-task sampler says so), an
 * ordered extent of a filesystem on SCRATCH_DEV stays outstanding (the ledger says so), and the
 * Java device serving SCRATCH completed no request for RIG_HANG_CONFIRM seconds (default 3) since both held.
 * The device's counters are read only once the first two agree, so tests that never block pay
 * nothing. Without a Java device (no counters to read) or with RIG_HANG_DETECT=no only the
 * timeout ends a hung test. Also builds the "hung: ..." message naming the culprit.
 */
public final class HangWatch {

    private final Supplier<Optional<DeviceControl>> device;
    private final boolean enabled;
    private final String scratchDev;
    private final long confirmNanos;
    private Optional<DeviceControl> control;
    private long completed = -1;
    private long unchangedSince;

    public HangWatch(Map<String, String> config, Supplier<Optional<DeviceControl>> device) {
        this.device = device;
        this.scratchDev = config.getOrDefault("SCRATCH_DEV", "");
        this.enabled = Setting.RIG_HANG_DETECT.on(config);
        this.confirmNanos = Setting.RIG_HANG_CONFIRM.number(config) * 1_000_000_000L;
    }

    /** True once progress stopped (see the class comment); called with each checker poll. */
    public boolean progressStopped(Checkers checkers) {
        if (!enabled) {
            return false;
        }
        HangEvidence evidence = checkers.evidence();
        if (evidence.blocked().stream().noneMatch(HangEvidence.Blocked::stillBlocked)
                || outstandingOn(evidence, scratchDev).isEmpty()) {
            completed = -1;
            return false;
        }
        if (control == null) {
            control = device.get();
        }
        if (control.isEmpty()) {
            return false;
        }
        long now = System.nanoTime();
        long total;
        try {
            total = control.get().counters().completedRequests();
        } catch (IOException e) {
            return false; // the device does not answer: the timeout decides
        }
        if (total != completed) {
            completed = total;
            unchangedSince = now;
            return false;
        }
        return now - unchangedSince >= confirmNanos;
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

    /** Outstanding I/O on {@code dev} (the device whose counters are read). */
    private static List<HangEvidence.Outstanding> outstandingOn(HangEvidence evidence, String dev) {
        if (dev.isEmpty()) {
            return List.of();
        }
        String name = rig.devices.own.Mounts.kernelName(dev);
        return evidence.outstanding().stream().filter(o -> o.devices().contains(name)).toList();
    }
}
