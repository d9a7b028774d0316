package rig.checkers.blocked;

import rig.config.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import rig.check.api.CheckContext;
import rig.check.api.Checker;

/**
 * Samples tasks in uninterruptible sleep (state D) each poll. A task that stays blocked past
 * the threshold (RIG_BLOCKED_THRESHOLD seconds, default 10) has its /proc stack and wchan saved,
 * a sysrq-w dump is triggered once per test (it lands in the kernel log window, NNN.dmesg) when
 * the kernel has /proc/sysrq-trigger, and the test fails with "task umount:1234 blocked 12 s in
 * btrfs_wait_ordered_extents". Tasks already blocked when the test started are not its doing
 * and are only listed. Evidence goes to NNN.blocked.
 *
 * <p>By default only the test's tasks are sampled: kernel threads (kworkers, loop workers: the
 * filesystem's own) and descendants of the runner (the test worker and what it started), so that
 * another program blocked elsewhere on the host is not blamed on the test. RIG_BLOCKED_SCOPE=all
 * samples every task. Under {@code ./check -j N} (a shared host) the test's tasks are its lane's
 * worker and what it started; a blocked kernel thread could be any lane's, so it is the test's
 * only alongside a blocked task of its own.
 */
public final class BlockedTaskChecker implements Checker {

    public static final String SUFFIX = ".blocked";
    static final Path SYSRQ = Path.of("/proc/sysrq-trigger");

    private record TaskId(int tid, long startTicks) {
    }

    private final Map<TaskId, Long> firstSeen = new HashMap<>();
    private final Map<TaskId, BlockedTask> reported = new LinkedHashMap<>();
    private final Set<TaskId> preexisting = new HashSet<>();
    private final List<String> notes = new ArrayList<>();
    private long thresholdMillis;
    private boolean sysrqDone;
    private boolean allTasks;
    private boolean frozenAtHang;
    private boolean sharedHost;
    private java.util.List<Long> roots = List.of();

    @Override
    public String name() {
        return "blocked";
    }

    @Override
    public void start(CheckContext ctx) {
        firstSeen.clear();
        reported.clear();
        preexisting.clear();
        notes.clear();
        sysrqDone = false;
        frozenAtHang = false;
        thresholdMillis = threshold(ctx) * 1000L;
        allTasks = Setting.RIG_BLOCKED_SCOPE.in(ctx.config()).equals("all");
        sharedHost = ctx.sharedHost();
        roots = ctx.processRoots();
        for (ProcTasks.Task t : ProcTasks.blocked()) {
            preexisting.add(new TaskId(t.tid(), t.startTicks()));
            notes.add("already blocked before the test: " + t.comm() + ":" + t.tid());
        }
    }

    /**
     * Samples once more when the runner declares the hang, then keeps that picture: the
     * runner's recovery (killing the worker, aborting the device) wakes the tasks up afterwards.
     */
    @Override
    public void poll(CheckContext ctx) {
        if (frozenAtHang) {
            return;
        }
        frozenAtHang = ctx.hung();
        long now = System.nanoTime() / 1_000_000;
        Set<TaskId> blockedNow = new HashSet<>();
        Set<Long> family = null; // walked only when a task is blocked: most polls find none
        for (ProcTasks.Task t : ProcTasks.blocked()) {
            TaskId id = new TaskId(t.tid(), t.startTicks());
            if (preexisting.contains(id)) {
                continue;
            }
            if (!allTasks && !t.kernelThread()) {
                family = family != null ? family : rig.checkers.scope.TestScope.family(roots);
                if (!family.contains((long) t.pid())) {
                    continue;
                }
            }
            blockedNow.add(id);
            long since = firstSeen.computeIfAbsent(id, k -> now);
            long blocked = now - since;
            // at the hang every blocked task of the test is evidence, however long it has waited
            if (blocked >= thresholdMillis || frozenAtHang) {
                BlockedTask old = reported.get(id);
                String stack = old != null && !old.stack().isBlank() ? old.stack() : ProcTasks.stack(t.pid(), t.tid());
                String wchan = old != null ? old.wchan() : ProcTasks.wchan(t.pid(), t.tid());
                reported.put(id, new BlockedTask(t.pid(), t.tid(), t.comm(), blocked, wchan, stack, true, t.kernelThread()));
                if (old == null) {
                    sysrqW();
                }
            }
        }
        firstSeen.keySet().retainAll(blockedNow);
        reported.replaceAll((id, b) -> blockedNow.contains(id) ? b
                : new BlockedTask(b.pid(), b.tid(), b.comm(), b.blockedMillis(), b.wchan(), b.stack(), false, b.kernelThread()));
    }

    /**
     * The blocked tasks that are the test's. A kernel thread counts beside one of the test's own
     * blocked tasks; alone, only past the threshold and never on a shared host (-j): a kworker
     * caught for an instant in some driver (virtio-balloon's page reporting) when a test times out
     * is no culprit of its hang.
     */
    private List<BlockedTask> attributed() {
        boolean own = reported.values().stream().anyMatch(b -> !b.kernelThread());
        return reported.values().stream().filter(b -> !b.kernelThread() || own
                || (!sharedHost && b.blockedMillis() >= thresholdMillis)).toList();
    }

    /** Asks the kernel for a dump of all blocked tasks (sysrq-w) into the kernel log, once. */
    private void sysrqW() {
        if (sysrqDone) {
            return;
        }
        sysrqDone = true;
        if (!Files.exists(SYSRQ)) {
            notes.add("sysrq-w not available: " + SYSRQ + " is missing (kernel without CONFIG_MAGIC_SYSRQ); "
                    + "the /proc stacks below are the evidence");
            return;
        }
        try {
            // /proc/sysrq-trigger is not restricted by kernel.sysrq (that mask only governs the keyboard).
            Files.writeString(SYSRQ, "w");
            notes.add("sysrq-w triggered: the blocked-task dump is in the kernel log window (.dmesg)");
        } catch (IOException e) {
            notes.add("sysrq-w failed: " + e.getMessage());
        }
    }

    @Override
    public List<String> finish(CheckContext ctx) throws IOException {
        poll(ctx);
        List<String> findings = new ArrayList<>();
        List<String> text = new ArrayList<>(notes);
        text.add(0, "blocked-task sampler: threshold " + thresholdMillis / 1000 + " s");
        List<BlockedTask> ours = attributed();
        for (BlockedTask b : reported.values()) {
            if (!ours.contains(b)) {
                text.add("kernel thread not attributed to the test (no task of the test blocked beside it"
                        + (sharedHost ? ", another lane's maybe" : ", below the threshold") + "): " + b.line()
                        + " (pid " + b.pid() + ")");
                continue;
            }
            findings.add(b.line());
            text.add(b.line() + " (pid " + b.pid() + ", wchan " + b.wchan() + ")");
            b.stack().lines().forEach(l -> text.add("    " + l));
        }
        if (!reported.isEmpty() || !notes.isEmpty()) {
            Path f = Path.of(ctx.seqres() + SUFFIX);
            if (f.getParent() != null) {
                Files.createDirectories(f.getParent());
            }
            Files.write(f, text);
        }
        return findings;
    }

    /** Tasks past the threshold so far (for the runner's hang handling). */
    public List<BlockedTask> blocked() {
        return attributed();
    }

    @Override
    public rig.check.api.HangEvidence hangEvidence() {
        return new rig.check.api.HangEvidence(blocked().stream().map(t -> new rig.check.api.HangEvidence.Blocked(
                t.line(), t.culprit(), t.blockedMillis(), t.stillBlocked())).toList(), List.of());
    }

    static int threshold(CheckContext ctx) {
        return Setting.RIG_BLOCKED_THRESHOLD.number(ctx.config());
    }
}
