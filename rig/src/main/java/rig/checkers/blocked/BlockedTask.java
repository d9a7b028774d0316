package rig.checkers.blocked;

import java.util.Locale;

/** A task seen in uninterruptible sleep (D) past the threshold, with its evidence. */
public record BlockedTask(int pid, int tid, String comm, long blockedMillis, String wchan, String stack,
                          boolean stillBlocked, boolean kernelThread) {

    /** A user task (the test's worker or what it started). */
    public BlockedTask(int pid, int tid, String comm, long blockedMillis, String wchan, String stack, boolean stillBlocked) {
        this(pid, tid, comm, blockedMillis, wchan, stack, stillBlocked, false);
    }

    public String culprit() {
        String c = KernelStack.parse(stack).culprit();
        return c.equals("?") && wchan != null && !wchan.isBlank() && !wchan.equals("0") ? wchan : c;
    }

    /** "task umount:1234 blocked 12 s in btrfs_wait_ordered_extents" */
    public String line() {
        return String.format(Locale.ROOT, "task %s:%d blocked %d s in %s%s", comm, tid, blockedMillis / 1000,
                culprit(), stillBlocked ? "" : " (then woke up)");
    }
}
