/**
 * The checkers that name a failure instead of "md5 differs" or "the run hung". Each is a
 * {@link rig.check.api.Checker} registered in META-INF/services; the runner makes fresh
 * instances per test, calls start / poll (about once a second, also while the test hangs) /
 * finish (findings) / close, in the runner process.
 *
 * <ul>
 * <li>{@code oe}: {@link rig.checkers.oe.OrderedExtentChecker}, the btrfs ordered-extent ledger
 *     on a private tracefs instance; NNN.oe. "hung ordered extent", "stalled ordered extent
 *     (completed later)", "gap in the making". RIG_OE_GRACE (5), RIG_OE_STALL (10),
 *     RIG_OE_BUFFER_KB (4096), RIG_OE_DEVICES (extra devices whose filesystems are the test's).</li>
 * <li>{@code blocked}: {@link rig.checkers.blocked.BlockedTaskChecker}, tasks in D state past
 *     RIG_BLOCKED_THRESHOLD (10) seconds, with /proc stacks and sysrq-w; NNN.blocked.</li>
 * <li>{@code dmesg}: {@link rig.checkers.kmsg.KernelLogChecker}, the /dev/kmsg window between
 *     "rig: start ID" and "rig: end ID"; NNN.dmesg; WARNING/BUG/Oops/hung task/lockdep/KASAN/
 *     UBSAN/GPF fail unless {@code @Fstest(expectedKernelLog)} matches; those regexes are saved
 *     as NNN.dmesg.expected ({@link rig.checkers.kmsg.ExpectedKernelLog}) for rig triage.</li>
 * <li>{@code fsck}: {@link rig.checkers.fsck.FsckChecker}, read-only fsck of unmounted TEST_DEV
 *     and SCRATCH_DEV; NNN.fsck. RIG_FSCK=no, RIG_FSCK_TIMEOUT (300).</li>
 * </ul>
 *
 * <p>Tests use {@link rig.checkers.gaps.ExpectationLog} (what each write call returned, saved as
 * NNN.expect, which the ledger reads) and {@link rig.checkers.gaps.GapVerifier} (after remount:
 * exact zero-filled / stale / wrong / missing ranges with their FIEMAP state; NNN.gaps).
 */
package rig.checkers;
