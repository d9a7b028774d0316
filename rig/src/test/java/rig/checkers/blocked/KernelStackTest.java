package rig.checkers.blocked;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class KernelStackTest {

    @Test
    void namesTheWaitingFunctionsOfTheSeed000Dump() throws IOException {
        String dump;
        try (InputStream in = getClass().getResourceAsStream("sysrq-w-seed000-generic276.txt")) {
            dump = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<KernelStack.DumpedTask> tasks = KernelStack.tasksInDump(dump);
        assertEquals(2, tasks.size());
        assertEquals("task kworker/u20:31:1457865 (D) in btrfs_start_ordered_extent", tasks.get(0).line());
        assertEquals("task umount:1465218 (D) in btrfs_wait_ordered_extents", tasks.get(1).line());
        assertEquals(List.of("__schedule", "schedule", "schedule_timeout", "wait_for_completion",
                "btrfs_wait_ordered_extents"), tasks.get(1).stack().functions().subList(0, 5));
    }

    @Test
    void readsProcPidStackFormat() {
        // /proc/PID/stack of a task blocked in a FUSE request on this kernel's format
        String stack = "[<0>] request_wait_answer+0xd9/0x210 [fuse]\n[<0>] __fuse_simple_request+0xd6/0x290 [fuse]\n"
                + "[<0>] fuse_do_getattr+0xdf/0x1e0 [fuse]\n";
        assertEquals("request_wait_answer", KernelStack.parse(stack).culprit());
        String lock = "[<0>] rwsem_down_write_slowpath+0x2a1/0x580\n[<0>] down_write+0x5b/0x60\n"
                + "[<0>] btrfs_inode_lock+0x3d/0x70 [btrfs]\n";
        assertEquals("btrfs_inode_lock", KernelStack.parse(lock).culprit());
    }

    @Test
    void stacksCapturedInTheStallControlNameTheUsefulFrame() {
        // /proc/PID/stack of StallControlIT's tasks on 6.18.44 (btrfs on a loop over a frozen ext4)
        String sync = "[<0>] folio_wait_bit+0xd6/0x220\n[<0>] folio_wait_writeback+0x2a/0x90\n"
                + "[<0>] __filemap_fdatawait_range+0x7c/0xe0\n[<0>] filemap_fdatawait_keep_errors+0x1a/0x60\n"
                + "[<0>] sync_inodes_sb+0x227/0x2e0\n[<0>] sync_filesystem+0x64/0xa0\n";
        assertEquals("sync_inodes_sb", KernelStack.parse(sync).culprit());
        String loop = "[<0>] percpu_rwsem_wait+0x15f/0x1d0\n[<0>] lo_rw_aio.isra.0+0x33c/0x350\n"
                + "[<0>] loop_process_work+0x85/0x420\n";
        assertEquals("lo_rw_aio", KernelStack.parse(loop).culprit());
        assertEquals("__iomap_dio_rw", KernelStack.parse("[<0>] __iomap_dio_rw+0x5ea/0x8d0\n").culprit());
    }

    @Test
    void blockedTaskLineSaysWhoWhereAndHowLong() {
        BlockedTask b = new BlockedTask(1234, 1234, "umount", 12_400, "btrfs_wait_ordered_extents",
                "[<0>] __schedule+0x2cb/0x880\n[<0>] schedule+0x50/0xc0\n[<0>] wait_for_completion+0xb5/0x160\n"
                        + "[<0>] btrfs_wait_ordered_extents+0x346/0x450 [btrfs]\n", true);
        assertEquals("task umount:1234 blocked 12 s in btrfs_wait_ordered_extents", b.line());
    }

    @Test
    void parsesStatWithSpacesAndParensInComm() {
        ProcTasks.Task t = ProcTasks.parseStat(77, "78 (my (odd) task) D 1 2 3 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 "
                + "33701 5468160 1064");
        assertEquals("my (odd) task", t.comm());
        assertEquals('D', t.state());
        assertEquals(78, t.tid());
        assertEquals(33701, t.startTicks());
        assertEquals(false, t.kernelThread());
        assertEquals(true, ProcTasks.parseStat(32, "32 (kworker/u8:1+loop2) D 2 0 0 0 -1 69238880 0 0 0 0 0 0 0 0 20 0 1 0 "
                + "100 0 0").kernelThread());
    }

    @Test
    void findsTheStateAfterTheLastParenthesisWithoutParsingTheLine() {
        byte[] odd = "78 (my (odd) S) task) D 1 2 3 0 -1 4194560 0".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals('D', ProcTasks.stateOf(odd, odd.length));
        byte[] running = "1 (systemd) S 0 1 1 0 -1 4194560 0".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals('S', ProcTasks.stateOf(running, running.length));
        byte[] cut = "1 (systemd)".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals('?', ProcTasks.stateOf(cut, cut.length));
    }

    @Test
    void scanFindsNoBlockedTaskOfThisIdleTestJvm() {
        long self = ProcessHandle.current().pid();
        assertTrue(ProcTasks.blocked().stream().noneMatch(t -> t.pid() == self), "this JVM's threads are not in D");
    }
}
