package rig.check;

import rig.config.Setting;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import rig.checkers.blocked.BlockedTask;
import rig.checkers.blocked.BlockedTaskChecker;
import rig.checkers.oe.OrderedExtentChecker;
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
final class HangWatch {

    private final Supplier<Optional<DeviceControl>> device;
    private final boolean enabled;
    private final String scratchDev;
    private final long confirmNanos;
    private Optional<DeviceControl> control;
    private long completed = -1;
    private long unchangedSince;

    HangWatch(Map<String, String> config, Supplier<Optional<DeviceControl>> device) {
        this.device = device;
        this.scratchDev = config.getOrDefault("SCRATCH_DEV", "");
        this.enabled = Setting.RIG_HANG_DETECT.on(config);
        this.confirmNanos = Setting.RIG_HANG_CONFIRM.number(config) * 1_000_000_000L;
    }

    /** True once progress stopped (see the class comment); called with each checker poll. */
    boolean progressStopped(Checkers checkers) {
        if (!enabled || stillBlocked(checkers).isEmpty() || outstandingOn(checkers, scratchDev).isEmpty()) {
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
            total = completedRequests(control.get().counters());
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

    /** Requests the device completed (reads, writes, flushes, discards), from its "name value" counters. */
    static long completedRequests(String counters) {
        long sum = 0;
        for (String line : counters.split("\n")) {
            String[] kv = line.trim().split("\\s+");
            if (kv.length == 2 && List.of("reads", "writes", "flushes", "discards").contains(kv[0])) {
                sum += Long.parseLong(kv[1]);
            }
        }
        return sum;
    }

    /**
     * "hung: task sync:1234 blocked 12 s in btrfs_wait_ordered_extents; ordered extent root 5 ino 257
     * [0, 1048576) outstanding": the task waiting on ordered extents if there is one, else the
     * longest blocked; empty when no task of the test was blocked.
     */
    static Optional<String> culprit(Checkers checkers) {
        List<BlockedTask> tasks = checkers.find(BlockedTaskChecker.class).map(BlockedTaskChecker::blocked)
                .orElse(List.of());
        Optional<BlockedTask> task = tasks.stream()
                .max(Comparator.comparingInt((BlockedTask t) -> t.culprit().contains("wait_ordered") ? 2
                                : t.culprit().contains("ordered") ? 1 : 0)
                        .thenComparing(BlockedTask::stillBlocked)
                        .thenComparingLong(BlockedTask::blockedMillis));
        if (task.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder b = new StringBuilder("hung: ").append(task.get().line());
        for (String oe : outstanding(checkers)) {
            b.append("; ordered extent ").append(oe).append(" outstanding");
        }
        return Optional.of(b.toString());
    }

    private static List<BlockedTask> stillBlocked(Checkers checkers) {
        return checkers.find(BlockedTaskChecker.class).map(BlockedTaskChecker::blocked).orElse(List.of())
                .stream().filter(BlockedTask::stillBlocked).toList();
    }

    private static List<String> outstanding(Checkers checkers) {
        return checkers.find(OrderedExtentChecker.class).map(OrderedExtentChecker::outstandingRanges)
                .orElse(List.of());
    }

    /** Outstanding extents of filesystems on {@code dev} (the device whose counters are read). */
    private static List<String> outstandingOn(Checkers checkers, String dev) {
        return dev.isEmpty() ? List.of() : checkers.find(OrderedExtentChecker.class)
                .map(c -> c.outstandingRangesOn(dev)).orElse(List.of());
    }

}
