package rig.checkers.blocked;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    }
}
