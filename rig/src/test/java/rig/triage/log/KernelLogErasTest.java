package rig.triage.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import rig.triage.Kind;
import rig.triage.signature.Titles;

/**
 * Kernel log formats of every era. The logs here are constructed (not copied from a report) in the
 * exact line shapes each kernel generation prints, with functions from the seed threads.
 */
class KernelLogErasTest {

    private static Finding single(String log) {
        List<Finding> fs = Fixtures.scan(log);
        assertEquals(1, fs.size(), fs.toString());
        return fs.get(0);
    }

    private static void assertSig(Finding f, Kind kind, String culprit, String title) {
        assertEquals(kind, f.kind(), f.toString());
        assertEquals(culprit, f.culprit(), f.toString());
        assertEquals(title, Titles.of(f, null));
    }

    @Test
    void oldHungTaskWithAddressColumnsAndOldTaskLine() {
        Finding f = single("""
                INFO: task umount:4321 blocked for more than 120 seconds.
                "echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.
                umount          D ffff88007fc13780     0  4321   4300 0x00000000
                 ffff88005d5e3c48 0000000000000086 ffff88005d5e3fd8 0000000000013780
                Call Trace:
                 [<ffffffff8160a5e9>] schedule+0x29/0x70
                 [<ffffffff816084d9>] schedule_timeout+0x209/0x2d0
                 [<ffffffff810b0c20>] ? wake_up_state+0x20/0x20
                 [<ffffffff8160ae96>] wait_for_completion+0x116/0x170
                 [<ffffffffa03b4e1d>] btrfs_wait_ordered_extents+0x1cd/0x230 [btrfs]
                 [<ffffffffa03b4f4e>] btrfs_wait_ordered_roots+0xce/0x130 [btrfs]
                 [<ffffffffa0379a2c>] btrfs_sync_fs+0x5c/0x1b0 [btrfs]
                 [<ffffffff811f6a32>] sync_filesystem+0x72/0xa0
                """);
        // syzkaller's rule: waiting machinery (any "wait") is skipped; the ordered-extent wait makes the kind
        assertSig(f, Kind.HUNG_ORDERED_EXTENT, "btrfs_sync_fs", "INFO: task hung in btrfs_sync_fs");
        assertTrue(f.evidence().contains("umount          D ffff88007fc13780     0  4321   4300 0x00000000"), f.evidence().toString());
    }

    @Test
    void newHungTaskWithTaskBracketsTgidAndUnreliableFrames() {
        Finding f = single("""
                [ 1234.567890] INFO: task fsstress:9876 blocked for more than 122 seconds.
                [ 1234.567999]       Not tainted 6.8.0-rc1 #1
                [ 1234.568000] "echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.
                [ 1234.568100] task:fsstress        state:D stack:0     pid:9876  tgid:9876  ppid:9870   flags:0x00004002
                [ 1234.568200] Call Trace:
                [ 1234.568210]  <TASK>
                [ 1234.568220]  __schedule+0x3c4/0xa90
                [ 1234.568230]  ? btrfs_bogus_stale_frame+0x10/0x10 [btrfs]
                [ 1234.568240]  schedule+0x2c/0xc0
                [ 1234.568250]  rwsem_down_write_slowpath+0x2a1/0x6b0
                [ 1234.568260]  down_write+0x5b/0x60
                [ 1234.568270]  btrfs_inode_lock+0x2e/0x70 [btrfs]
                [ 1234.568280]  btrfs_direct_write+0x6a/0x3b0 [btrfs]
                [ 1234.568290]  vfs_write+0x23a/0x420
                [ 1234.568300]  ksys_write+0x6f/0xf0
                [ 1234.568310]  do_syscall_64+0x5c/0xe0
                [ 1234.568320]  entry_SYSCALL_64_after_hwframe+0x6e/0x76
                [ 1234.568330]  </TASK>
                """);
        // syzkaller's rule: lock helpers ("_lock") are skipped, the caller names the hang
        assertSig(f, Kind.HUNG_TASK, "btrfs_direct_write", "INFO: task hung in btrfs_direct_write");
    }

    @Test
    void warningOfEveryEraHasTheSameTitle() {
        // before x86 WARNs trapped (4.x), there is no RIP line: the stack shows the function after the report's frames
        String frames = """
                Call Trace:
                 dump_stack+0x19/0x1b
                 warn_slowpath_common+0x70/0xb0
                 warn_slowpath_null+0x1a/0x20
                 btrfs_mark_ordered_io_finished+0x1a1/0x1c0 [btrfs]
                 btrfs_finish_one_ordered+0x2a/0x7a0 [btrfs]
                 btrfs_work_helper+0xd2/0x3c0 [btrfs]
                 process_one_work+0x171/0x340
                """;
        String[] headers = {
            "WARNING: at fs/btrfs/inode.c:2812 btrfs_mark_ordered_io_finished+0x1a1/0x1c0 [btrfs]()",
            "WARNING: CPU: 1 PID: 77 at fs/btrfs/inode.c:2812 btrfs_mark_ordered_io_finished+0x1a1/0x1c0 [btrfs]()",
            "WARNING: CPU: 1 PID: 77 at fs/btrfs/inode.c:2812 btrfs_mark_ordered_io_finished+0x1a1/0x1c0 [btrfs]",
            "WARNING: fs/btrfs/inode.c:2812 at btrfs_mark_ordered_io_finished+0x1a1/0x1c0 [btrfs], CPU#1: kworker/u8:2/77",
            "WARNING: CPU: 1 PID: 77 at fs/btrfs/inode.c:2812\nRIP: 0010:btrfs_mark_ordered_io_finished+0x1a1/0x1c0 [btrfs]",
            "WARNING: CPU: 1 PID: 77 at fs/btrfs/inode.c:2812\n"
                + "RIP: 0010:[<ffffffffa0123456>]  [<ffffffffa0123456>] btrfs_mark_ordered_io_finished.isra.0+0x1a1/0x1c0 [btrfs]",
        };
        for (String h : headers) {
            Finding f = single("------------[ cut here ]------------\n" + h + "\n" + frames + "---[ end trace 0000000000000000 ]---\n");
            assertSig(f, Kind.WARNING, "btrfs_mark_ordered_io_finished", "WARNING in btrfs_mark_ordered_io_finished");
        }
    }

    @Test
    void consoleInterleavingAndPrefixesOfDmesgSyslogKmsgAndCallerIds() {
        List<Finding> fs = Fixtures.scan("""
                <4>[  393.840000][ T1598] ------------[ cut here ]------------
                Mar  7 07:07:21 host kernel: [  393.840001] WARNING: CPU: 0 PID: 1598 at fs/btrfs/ordered-data.c:99 btrfs_split_ordered_extent+0x1/0x2 [btrfs]
                4,12345,393840002,-;Modules linked in: btrfs xor raid6_pq loop
                [  393.840002][ T1598] RIP: 0010:btrfs_split_ordered_extent+0x1/0x2 [btrfs]
                [  393.840003][ T1598] Call Trace:
                [  393.840004][  T612] loop0: detected capacity change from 0 to 2097152
                [  393.840005][ T1598]  <TASK>
                systemd-journald[312]: Data hash table of /var/log/journal/system.journal has a fill level at 75.0
                [  393.840006][ T1598]  ? __warn+0x81/0x130
                [  393.840007][ T1598]  btrfs_extract_ordered_extent+0x5a/0x200 [btrfs]
                [  393.840008][  T613] BTRFS warning (device loop0): direct IO failed ino 257 op 0x8801 offset 0x0 len 4096 err no 10
                [  393.840009][ T1598]  btrfs_dio_submit_io+0x99/0x140 [btrfs]
                [  393.840010][ T1598]  </TASK>
                [  393.840011][ T1598] ---[ end trace 0000000000000000 ]---
                """);
        assertEquals(2, fs.size(), fs.toString());
        Finding io = fs.get(0);
        assertSig(io, Kind.IO_ERROR, "btrfs_dio_end_io", "I/O error in btrfs_dio_end_io");
        Finding w = fs.get(1);
        assertSig(w, Kind.WARNING, "btrfs_split_ordered_extent", "WARNING in btrfs_split_ordered_extent");
        assertTrue(w.evidence().contains("[  393.840007][ T1598] btrfs_extract_ordered_extent+0x5a/0x200 [btrfs]"), w.evidence().toString());
    }

    @Test
    void unreliableFramesAreNeverTheCulprit() {
        Finding f = single("""
                [<c0000000fe0b3a30>] [c000000000a1b2c4] .schedule+0x44/0x90 (unreliable)
                INFO: task kworker/u64:3:555 blocked for more than 120 seconds.
                Call Trace:
                [c0000000fe0b3a30] [c000000000a1b2c4] .btrfs_stale_guess+0x44/0x90 [btrfs] (unreliable)
                [c0000000fe0b3b00] [c000000000a1b300] .__schedule+0x44/0x90
                [c0000000fe0b3c00] [c000000000a1b400] .btrfs_commit_transaction+0x44/0x90 [btrfs]
                """);
        assertSig(f, Kind.HUNG_TASK, "btrfs_commit_transaction", "INFO: task hung in btrfs_commit_transaction");
    }

    @Test
    void bugAndOopsAreOneReportNamedByRip() {
        Finding f = single("""
                [  100.000001] BUG: kernel NULL pointer dereference, address: 0000000000000008
                [  100.000002] #PF: supervisor read access in kernel mode
                [  100.000003] Oops: 0000 [#1] PREEMPT SMP NOPTI
                [  100.000004] CPU: 1 PID: 42 Comm: kworker/u8:1 Not tainted 6.2.0 #1
                [  100.000005] RIP: 0010:btrfs_finish_ordered_io.isra.0+0x42/0x7a0 [btrfs]
                [  100.000006] Call Trace:
                [  100.000007]  <TASK>
                [  100.000008]  btrfs_work_helper+0xd2/0x3c0 [btrfs]
                [  100.000009]  process_one_work+0x171/0x340
                [  100.000010]  </TASK>
                [  100.000011] ---[ end trace 0000000000000000 ]---
                """);
        assertSig(f, Kind.BUG, "btrfs_finish_ordered_io", "BUG: unable to handle kernel NULL pointer dereference in btrfs_finish_ordered_io");
    }

    @Test
    void kernelBugAtFileLine() {
        Finding f = single("""
                ------------[ cut here ]------------
                kernel BUG at fs/btrfs/ordered-data.c:1234!
                invalid opcode: 0000 [#1] SMP
                RIP: 0010:btrfs_remove_ordered_extent+0x2f0/0x300 [btrfs]
                """);
        assertSig(f, Kind.BUG, "btrfs_remove_ordered_extent", "kernel BUG in btrfs_remove_ordered_extent");
    }

    @Test
    void kasanUbsanAndLockdep() {
        assertSig(single("""
                ==================================================================
                BUG: KASAN: slab-use-after-free in btrfs_finish_ordered_io+0x12/0x34 [btrfs]
                Read of size 8 at addr ffff888012345678 by task kworker/u8:2/77
                Call Trace:
                 dump_stack_lvl+0x48/0x70
                 print_report+0xcf/0x620
                 kasan_report+0xb0/0xe0
                 btrfs_finish_ordered_io+0x12/0x34 [btrfs]
                """), Kind.KASAN, "btrfs_finish_ordered_io", "KASAN: slab-use-after-free Read in btrfs_finish_ordered_io");
        assertSig(single("""
                UBSAN: shift-out-of-bounds in fs/btrfs/ctree.c:123:45
                shift exponent 64 is too large for 64-bit type 'long unsigned int'
                Call Trace:
                 <TASK>
                 dump_stack_lvl+0x48/0x70
                 ubsan_epilogue+0x5/0x30
                 __ubsan_handle_shift_out_of_bounds+0x10e/0x170
                 btrfs_search_slot+0x99/0x900 [btrfs]
                 </TASK>
                """), Kind.UBSAN, "btrfs_search_slot", "UBSAN: shift-out-of-bounds in btrfs_search_slot");
        assertSig(single("""
                ======================================================
                WARNING: possible circular locking dependency detected
                6.2.0 #1 Not tainted
                ------------------------------------------------------
                fsstress/1234 is trying to acquire lock:
                ffff888012345678 (&fs_info->ordered_operations_mutex){+.+.}-{3:3}, at: btrfs_wait_ordered_roots+0x3e/0x250 [btrfs]

                but task is already holding lock:
                ffff888012345999 (&ei->i_mmap_lock){++++}-{3:3}, at: btrfs_dio_iomap_begin+0x1e/0x60 [btrfs]

                which lock already depends on the new lock.

                the existing dependency chain (in reverse order) is:

                -> #1 (&fs_info->ordered_operations_mutex){+.+.}-{3:3}:
                       __mutex_lock+0x8b/0x8b0
                       btrfs_wait_ordered_roots+0x3e/0x250 [btrfs]
                stack backtrace:
                Call Trace:
                 dump_stack_lvl+0x48/0x70
                 check_noncircular+0xff/0x110
                 __lock_acquire+0x12f/0x2a0
                 lock_acquire+0xc1/0x2a0
                 down_read+0x3a/0x50
                 btrfs_dio_iomap_begin+0x1e/0x60 [btrfs]
                """), Kind.LOCKDEP, "btrfs_wait_ordered_roots", "possible deadlock in btrfs_wait_ordered_roots");
    }

    @Test
    void sysrqDumpOfUnrelatedTasksTakesFirstFilesystemFrameOfFirstTask() {
        Finding f = single("""
                sysrq: Show Blocked State
                task:cron            state:D stack:0     pid:700   ppid:1      flags:0x00000000
                Call Trace:
                 __schedule+0x2cb/0x880
                 schedule+0x50/0xc0
                 rwsem_down_read_slowpath+0x1/0x2
                 ext4_file_read_iter+0x1/0x2 [ext4]
                 vfs_read+0x1/0x2
                task:fsstress        state:D stack:0     pid:900   ppid:800    flags:0x00000000
                Call Trace:
                 __schedule+0x2cb/0x880
                 xfs_ilock+0x1/0x2 [xfs]
                """);
        assertSig(f, Kind.HUNG_TASK, "ext4_file_read_iter", "INFO: task hung in ext4_file_read_iter");
    }

    @Test
    void messagesWithoutStackNameThePrintingFunction() {
        List<Finding> fs = Fixtures.scan("""
                [  12.1] BTRFS: error (device loop0 state EA) in btrfs_finish_one_ordered:3114: errno=-5 IO failure
                [  12.2] BTRFS info (device loop0 state EA): forced readonly
                [  12.3] XFS (loop1): Filesystem has been shut down due to log error (0x2).
                [  12.4] EXT4-fs error (device loop2): ext4_find_entry:1455: inode #2: comm ls: reading directory lblock 0
                [  12.5] BTRFS warning (device loop0): csum failed root 5 ino 257 off 0 csum 0x8941f998 expected csum 0x12345678 mirror 1
                [  12.6] I/O error, dev loop0, sector 2048 op 0x1:(WRITE) flags 0x8800 phys_seg 1 prio class 2
                """);
        assertEquals(List.of("transaction abort in btrfs_finish_one_ordered", "forced read-only in btrfs_handle_fs_error",
                "filesystem shutdown in xfs_do_force_shutdown", "EXT4-fs error in ext4_find_entry",
                "checksum failure in btrfs_print_data_csum_error", "I/O error in blk_print_req_error"),
                fs.stream().map(f -> Titles.of(f, null)).toList());
        assertEquals(Kind.SHUTDOWN, fs.get(0).kind());
        assertEquals(Kind.CHECKSUM, fs.get(4).kind());
    }

    @Test
    void rigCheckerReportsHaveNoFunctionTheTestNamesThem() {
        List<Finding> fs = Fixtures.scan("""
                hung ordered extent: fsid 3c1f root 5 ino 257 file_offset 0 len 1048576 bytes_left 1048576 flags IOERR|DIRECT added by task xfs_io outstanding 12 s
                zero-filled gap at [1048576, 2097152) in dst: hole in FIEMAP
                stale data at [0, 4096) in file: extent in FIEMAP
                """);
        assertEquals(List.of(Kind.HUNG_ORDERED_EXTENT, Kind.ZERO_FILLED_GAP, Kind.STALE_DATA), fs.stream().map(Finding::kind).toList());
        fs.forEach(f -> assertNull(f.culprit()));
        assertEquals("zero-filled gap in generic/708", Titles.of(fs.get(1), "generic/708"));
        assertEquals("hung ordered extent in generic/276", Titles.of(fs.get(0), "generic/276"));
    }

    @Test
    void linesWrappedByAConsoleAt80Columns() {
        Finding hang = single("""
                INFO: task umount:1465218 blocked for more
                 than 120 seconds.
                task:umount state:D stack:0 pid:1465218 ppid:1464868 flags:0x00004002
                Call Trace:
                 __schedule+0x2cb/0x880
                 wait_for_completion+0xb5/0x160
                 btrfs_wait_ordered_extents+0x346/0x450 [btrfs]
                 btrfs_wait_ordered_roots+0xce/0x130 [btrfs]
                 btrfs_sync_fs+0x5c/0x1b0 [btrfs]
                </TASK>
                """);
        assertSig(hang, Kind.HUNG_ORDERED_EXTENT, "btrfs_sync_fs", "INFO: task hung in btrfs_sync_fs");
        Finding warning = single("""
                WARNING: CPU: 2 PID: 1003 at fs/iomap/buffered-io.c:1182 iomap_file_buffered_w
                rite_punch_delalloc+0x691/0x730
                RIP: 0010:iomap_file_buffered_write_punch_delalloc+0x691/0x730
                Call Trace:
                 xfs_buffered_write_iomap_end+0x40/0xb0
                ---[ end trace 0000000000000000 ]---
                """);
        assertSig(warning, Kind.WARNING, "iomap_file_buffered_write_punch_delalloc",
                "WARNING in iomap_file_buffered_write_punch_delalloc");
    }

    @Test
    void oldSysrqDumpWithOldTaskLinesAndAddressColumns() {
        Finding f = single("""
                SysRq : Show Blocked State
                  task                        PC stack   pid father
                umount          D ffff88041fd14580     0  2020   2000 0x00000000
                 ffff8803e5d0fc98 0000000000000046 ffff8803e5d0ffd8 0000000000014580
                Call Trace:
                 [<ffffffff8169b1f9>] schedule+0x29/0x70
                 [<ffffffff816998e9>] schedule_timeout+0x239/0x2c0
                 [<ffffffff8169b5cd>] wait_for_completion+0xfd/0x140
                 [<ffffffffa03e9207>] btrfs_wait_ordered_extents+0x1e7/0x250 [btrfs]
                 [<ffffffffa03e933c>] btrfs_wait_ordered_roots+0xcc/0x130 [btrfs]
                kworker/u16:3   D ffff88041fc94580     0  1457      2 0x00000000
                Workqueue: btrfs-flush_delalloc normal_work_helper [btrfs]
                Call Trace:
                 [<ffffffff8169b1f9>] schedule+0x29/0x70
                 [<ffffffffa03e8f05>] btrfs_start_ordered_extent+0xd5/0x110 [btrfs]
                 [<ffffffff810b1b20>] ? wake_up_atomic_t+0x30/0x30
                 [<ffffffffa03e8f66>] btrfs_run_ordered_extent_work+0x26/0x40 [btrfs]
                 [<ffffffffa03c3f5a>] normal_work_helper+0xba/0x2b0 [btrfs]
                 [<ffffffff8109d6d2>] process_one_work+0x182/0x450
                """);
        assertSig(f, Kind.HUNG_ORDERED_EXTENT, "btrfs_start_ordered_extent", "INFO: task hung in btrfs_start_ordered_extent");
    }

    @Test
    void hungTaskReportsOfOneBurstAreJudgedTogether() {
        List<Finding> fs = Fixtures.scan("""
                [  985.1000] INFO: task umount:1465218 blocked for more than 122 seconds.
                [  985.1000] task:umount state:D stack:0 pid:1465218 ppid:1464868 flags:0x00004002
                [  985.1000] Call Trace:
                [  985.1000]  <TASK>
                [  985.1000]  __schedule+0x2cb/0x880
                [  985.1000]  wait_for_completion+0xb5/0x160
                [  985.1000]  btrfs_wait_ordered_extents+0x346/0x450 [btrfs]
                [  985.1000]  </TASK>
                [  985.2000] INFO: task kworker/u20:31:1457865 blocked for more than 122 seconds.
                [  985.2000] task:kworker/u20:31 state:D stack:0 pid:1457865 ppid:2 flags:0x00004000
                [  985.2000] Call Trace:
                [  985.2000]  <TASK>
                [  985.2000]  __schedule+0x2cb/0x880
                [  985.2000]  btrfs_start_ordered_extent+0xf7/0x140 [btrfs]
                [  985.2000]  btrfs_run_ordered_extent_work+0x1a/0x30 [btrfs]
                [  985.2000]  process_one_work+0x1b0/0x390
                [  985.2000]  </TASK>
                [  985.3000] BTRFS info (device loop0): last unmount of filesystem
                """);
        assertEquals(1, fs.size(), fs.toString());
        assertSig(fs.get(0), Kind.HUNG_ORDERED_EXTENT, "btrfs_start_ordered_extent", "INFO: task hung in btrfs_start_ordered_extent");
    }
}
