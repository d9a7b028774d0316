package rig.triage.oops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import rig.triage.Kind;
import rig.triage.log.LogLineSplitter;

/**
 * Report types the rig's own runs do not produce, each titled as syzkaller titles it. The logs are
 * composed in the formats the kernel prints them (the printing code is named with each), with btrfs,
 * xfs and ext4 call chains; syzkaller's corpus, the measure of these rules, stays outside the project
 * ({@code rig triage --score}).
 */
class ReportTypesTest {
    private static List<OopsReport> reports(String log) {
        List<OopsReport> out = new ArrayList<>();
        ReportCollector c = new ReportCollector(out::add);
        LogLineSplitter s = new LogLineSplitter();
        for (String line : log.split("\n")) {
            s.split(line, c::line);
        }
        c.finish();
        return out;
    }

    private static OopsReport only(String log) {
        List<OopsReport> rs = reports(log);
        assertEquals(1, rs.size(), rs.toString());
        return rs.get(0);
    }

    /** kernel/rcu/tree_stall.h: print_cpu_stall, then the stalled CPU's registers and stack. */
    @Test
    void rcuStallIsNamedAboveTheDispatchingFrame() {
        OopsReport r = only("""
                [  300.100000][    C0] rcu: INFO: rcu_preempt self-detected stall on CPU
                [  300.100001][    C0] rcu: \t0-....: (10500 ticks this GP) idle=8b4c/1/0x4000000000000000 softirq=9/9 fqs=5250
                [  300.100002][    C0] CPU: 0 PID: 4242 Comm: fsstress Not tainted 6.1.0 #1
                [  300.100003][    C0] RIP: 0010:btrfs_search_slot+0x3a1/0xc80 [btrfs]
                [  300.100004][    C0] Call Trace:
                [  300.100005][    C0]  <IRQ>
                [  300.100006][    C0]  rcu_sched_clock_irq+0x3e0/0x1090
                [  300.100007][    C0]  update_process_times+0x9c/0xd0
                [  300.100008][    C0]  tick_sched_timer+0x6b/0x90
                [  300.100009][    C0]  __hrtimer_run_queues+0x16f/0x330
                [  300.100010][    C0]  hrtimer_interrupt+0x106/0x250
                [  300.100011][    C0]  __sysvec_apic_timer_interrupt+0x5c/0x130
                [  300.100012][    C0]  sysvec_apic_timer_interrupt+0x6d/0x90
                [  300.100013][    C0]  </IRQ>
                [  300.100014][    C0]  <TASK>
                [  300.100015][    C0]  asm_sysvec_apic_timer_interrupt+0x1a/0x20
                [  300.100016][    C0] RIP: 0010:btrfs_search_slot+0x3a1/0xc80 [btrfs]
                [  300.100017][    C0]  btrfs_lookup_file_extent+0x4a/0x70 [btrfs]
                [  300.100018][    C0]  btrfs_get_extent+0x1e4/0x9a0 [btrfs]
                [  300.100019][    C0]  btrfs_do_readpage+0x17c/0x6b0 [btrfs]
                [  300.100020][    C0]  btrfs_read_folio+0x7b/0xd0 [btrfs]
                [  300.100021][    C0]  filemap_read_folio+0x3f/0xa0
                [  300.100022][    C0]  filemap_read+0x2e8/0x380
                [  300.100023][    C0]  vfs_read+0x1e7/0x2e0
                [  300.100024][    C0]  ksys_read+0x6f/0xf0
                [  300.100025][    C0]  do_syscall_64+0x5c/0x90
                [  300.100026][    C0]  entry_SYSCALL_64_after_hwframe+0x63/0xcd
                [  300.100027][    C0]  </TASK>
                """);
        // the frame above the first dispatching one (vfs_read): where the looping code was entered
        assertEquals("INFO: rcu detected stall in filemap_read", r.title());
        assertEquals("HANG", r.type());
        assertEquals(Kind.STALL, CrashTypes.kind(r.title()));
    }

    /** kernel/watchdog.c: watchdog_timer_fn prints "BUG: soft lockup - CPU#N stuck for Ns! [comm:pid]". */
    @Test
    void softLockupIsAStall() {
        OopsReport r = only("""
                [  500.000001] watchdog: BUG: soft lockup - CPU#1 stuck for 26s! [kworker/u8:3:77]
                [  500.000002] Modules linked in: btrfs
                [  500.000003] CPU: 1 PID: 77 Comm: kworker/u8:3 Not tainted 6.1.0 #1
                [  500.000004] Workqueue: btrfs-endio-write btrfs_work_helper [btrfs]
                [  500.000005] RIP: 0010:_raw_spin_lock+0x1a/0x30
                [  500.000006] Call Trace:
                [  500.000007]  <TASK>
                [  500.000008]  btrfs_remove_ordered_extent+0x5b/0x2c0 [btrfs]
                [  500.000009]  btrfs_finish_one_ordered+0x3b0/0x8b0 [btrfs]
                [  500.000010]  btrfs_work_helper+0xd2/0x3c0 [btrfs]
                [  500.000011]  process_one_work+0x1c4/0x380
                [  500.000012]  worker_thread+0x4d/0x380
                [  500.000013]  kthread+0xe6/0x110
                [  500.000014]  ret_from_fork+0x1f/0x30
                [  500.000015]  </TASK>
                """);
        assertEquals("BUG: soft lockup in btrfs_work_helper", r.title());
        assertEquals("HANG", r.type());
    }

    /** kernel/hung_task.c (6.x): the I/O-wait wording of the hung-task detector. */
    @Test
    void hungTaskInIoWaitWording() {
        OopsReport r = only("""
                [  240.000001] INFO: task xfs_io:3141 blocked in I/O wait for more than 122 seconds.
                [  240.000002]       Not tainted 6.17.0 #1
                [  240.000003] "echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.
                [  240.000004] task:xfs_io          state:D stack:0     pid:3141  tgid:3141  ppid:3100   flags:0x00004002
                [  240.000005] Call Trace:
                [  240.000006]  <TASK>
                [  240.000007]  __schedule+0x2cb/0x880
                [  240.000008]  schedule+0x50/0xc0
                [  240.000009]  io_schedule+0x46/0x70
                [  240.000010]  folio_wait_bit_common+0x13d/0x350
                [  240.000011]  folio_wait_writeback+0x2c/0x80
                [  240.000012]  __filemap_fdatawait_range+0x90/0x120
                [  240.000013]  filemap_write_and_wait_range+0x85/0xb0
                [  240.000014]  xfs_file_fsync+0x5e/0x2a0 [xfs]
                [  240.000015]  __x64_sys_fsync+0x3b/0x70
                [  240.000016]  do_syscall_64+0x5c/0x90
                [  240.000017]  </TASK>
                """);
        assertEquals("INFO: task hung in xfs_file_fsync", r.title());
    }

    /** kernel/panic.c: panic() with a reason and no report before it. */
    @Test
    void kernelPanicWithAReason() {
        OopsReport r = only("""
                [   12.000001] Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)
                [   12.000002] CPU: 0 PID: 1 Comm: swapper/0 Not tainted 6.1.0 #1
                [   12.000003] Call Trace:
                [   12.000004]  <TASK>
                [   12.000005]  dump_stack_lvl+0x44/0x5c
                [   12.000006]  panic+0x118/0x2ed
                [   12.000007]  mount_block_root+0x1d3/0x1ea
                [   12.000008]  prepare_namespace+0x136/0x165
                [   12.000009]  kernel_init_freeable+0x25c/0x286
                [   12.000010]  kernel_init+0x16/0x130
                [   12.000011]  </TASK>
                """);
        assertEquals("kernel panic: VFS: Unable to mount root fs on unknown-block(NUM,NUM)", r.title());
        assertEquals("DoS", r.type());
        assertNull(r.culprit());
    }

    /** mm/kmemleak.c: print_unreferenced, as /sys/kernel/debug/kmemleak and the console show it. */
    @Test
    void memoryLeakIsNamedByTheFirstCallerThatIsNoAllocator() {
        OopsReport r = only("""
                BUG: memory leak
                unreferenced object 0xffff888107a0c000 (size 4096):
                  comm "mount", pid 2911, jiffies 4294954320 (age 13.170s)
                  hex dump (first 32 bytes):
                    00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  ................
                  backtrace:
                    [<ffffffff8151f4a1>] kmalloc_trace+0x21/0x90
                    [<ffffffffa03b41a6>] btrfs_alloc_device+0x86/0x300 [btrfs]
                    [<ffffffffa03b8c3e>] device_list_add+0x14e/0x8f0 [btrfs]
                    [<ffffffffa03b96b2>] btrfs_scan_one_device+0x112/0x1f0 [btrfs]
                """);
        // allocators ("alloc") and list helpers ("list_add" in device_list_add) are skipped by name
        assertEquals("memory leak in btrfs_scan_one_device", r.title());
        assertEquals("LEAK", r.type());
        assertEquals(Kind.MEMORY_LEAK, CrashTypes.kind(r.title()));
    }

    /** kernel/locking/lockdep.c: print_circular_bug, then debug_show_all_locks' "#0: ... at: f" lines, which are no frames. */
    @Test
    void lockdepIsNamedByTheLockBeingTakenNotByTheHeldLocksList() {
        OopsReport r = only("""
                ======================================================
                WARNING: possible circular locking dependency detected
                6.1.0 #1 Not tainted
                ------------------------------------------------------
                fsstress/1234 is trying to acquire lock:
                ffff888100a1c0a8 (&sb->s_type->i_mutex_key#14){++++}-{3:3}, at: ext4_buffered_write_iter+0x4d/0x140

                but task is already holding lock:
                ffff888104f2a4c8 (&mm->mmap_lock){++++}-{3:3}, at: do_user_addr_fault+0x1b3/0x640

                which lock already depends on the new lock.

                Showing all locks held in the system:
                2 locks held by fsstress/1234:
                 #0: ffff888104f2a4c8 (&mm->mmap_lock){++++}-{3:3}, at: ext4_filemap_fault+0x48/0x70

                stack backtrace:
                CPU: 1 PID: 1234 Comm: fsstress Not tainted 6.1.0 #1
                Call Trace:
                 <TASK>
                 dump_stack_lvl+0x44/0x5c
                 check_noncircular+0x100/0x120
                 __lock_acquire+0x1207/0x1f40
                 lock_acquire+0xc2/0x2b0
                 down_write+0x2b/0x80
                 ext4_buffered_write_iter+0x4d/0x140
                 </TASK>
                """);
        assertEquals("possible deadlock in ext4_buffered_write_iter", r.title());
        assertEquals("LOCKDEP", r.type());
    }

    /** "WARNING:" lines that are not WARN reports (a deprecated mount option, an XFS repair notice) are no report. */
    @Test
    void warningWordsThatAreNoReport() {
        assertEquals(List.of(), reports("""
                [    5.000001] EXT4-fs (sda1): WARNING: the mand mount option is being deprecated and
                [    5.000002] WARNING: The mand mount option has been deprecated and
                [    6.000003] WARNING: kernel not compiled with CPU_SRSO.
                [    7.000004] XFS (sdb): WARNING: Reset corrupted AGFL on AG 0. 1 blocks leaked.
                """));
    }

    /** fs/btrfs/messages.c: btrfs_assertfail BUG()s; syzkaller names the caller, not the helper. */
    @Test
    void assertHelpersAreSkipped() {
        OopsReport r = only("""
                [  77.000001] BTRFS: assertion failed: !list_empty(&ordered->list), in fs/btrfs/ordered-data.c:540
                [  77.000002] ------------[ cut here ]------------
                [  77.000003] kernel BUG at fs/btrfs/messages.c:259!
                [  77.000004] invalid opcode: 0000 [#1] PREEMPT SMP NOPTI
                [  77.000005] CPU: 0 PID: 66 Comm: kworker/u8:2 Not tainted 6.1.0 #1
                [  77.000006] RIP: 0010:btrfs_assertfail+0x19/0x1b [btrfs]
                [  77.000007] Call Trace:
                [  77.000008]  <TASK>
                [  77.000009]  btrfs_remove_ordered_extent.cold+0x1f/0x39 [btrfs]
                [  77.000010]  btrfs_finish_one_ordered+0x3b0/0x8b0 [btrfs]
                [  77.000011]  </TASK>
                """);
        assertEquals("kernel BUG in btrfs_remove_ordered_extent", r.title());
    }

    /** A report of thousands of lines whose rule does not match (no "Read of size") is titled, not a stack overflow. */
    @Test
    void aVeryLongReportIsTitledWithoutOverflowingTheStack() {
        StringBuilder log = new StringBuilder("[    1.000000] BUG: KASAN: use-after-free in btrfs_finish_ordered_io+0x1/0x2\n");
        for (int i = 0; i < ReportCollector.MAX_LINES; i++) {
            log.append("[    1.000001] a line of a report that never says what size it read ").append(i).append('\n');
        }
        OopsReport r = only(log.toString());
        assertEquals("KASAN: use-after-free in btrfs_finish_ordered_io", r.title());
    }
}
