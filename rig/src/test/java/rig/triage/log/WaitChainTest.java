package rig.triage.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import rig.triage.Kind;
import rig.triage.signature.Titles;

/**
 * Several blocked tasks waiting on one another: the task at the end of the chain names the hang, not the
 * first one printed. The chain is btrfs' ENOSPC flushing (fs/btrfs/space-info.c, inode.c, ordered-data.c
 * of 6.1): the fixup worker reserves space and waits on its ticket, the reclaim worker flushes delalloc
 * and waits for ordered extents, and the ordered-extent worker is the one stuck. The stacks are composed
 * from those call chains, in the hung-task detector's and in sysrq-w's format.
 */
class WaitChainTest {
    private static final String FIXUP = """
             __schedule+0x2cb/0x880
             schedule+0x50/0xc0
             handle_reserve_ticket+0x2d6/0x3c0 [btrfs]
             __reserve_bytes+0x3a9/0x5e0 [btrfs]
             btrfs_reserve_metadata_bytes+0x19/0x70 [btrfs]
             btrfs_delalloc_reserve_metadata+0x12d/0x3a0 [btrfs]
             btrfs_delalloc_reserve_space+0x47/0xb0 [btrfs]
             btrfs_writepage_fixup_worker+0x1a8/0x5d0 [btrfs]
             btrfs_work_helper+0xd2/0x3c0 [btrfs]
             process_one_work+0x1c4/0x380
             worker_thread+0x4d/0x380
            """;
    private static final String RECLAIM = """
             __schedule+0x2cb/0x880
             schedule+0x50/0xc0
             btrfs_start_ordered_extent+0xf7/0x140 [btrfs]
             btrfs_wait_ordered_extents+0x346/0x450 [btrfs]
             btrfs_wait_ordered_roots+0x1a0/0x230 [btrfs]
             flush_space+0x20d/0x5e0 [btrfs]
             btrfs_async_reclaim_metadata_space+0x1a6/0x300 [btrfs]
             process_one_work+0x1c4/0x380
             worker_thread+0x4d/0x380
            """;
    private static final String ORDERED = """
             __schedule+0x2cb/0x880
             schedule+0x50/0xc0
             wait_extent_bit+0x1a3/0x1f0 [btrfs]
             __lock_extent+0x7b/0xa0 [btrfs]
             btrfs_finish_one_ordered+0x38b/0x8b0 [btrfs]
             btrfs_work_helper+0xd2/0x3c0 [btrfs]
             process_one_work+0x1c4/0x380
             worker_thread+0x4d/0x380
            """;

    @Test
    void hungTaskReportsOfOneBurstNameTheEndOfTheChain() {
        String log = hung("kworker/u8:1", 41, FIXUP) + hung("kworker/u8:3", 77, RECLAIM) + hung("kworker/u8:5", 90, ORDERED);
        List<Finding> fs = Fixtures.scan(log);
        assertEquals(1, fs.size(), fs.toString());
        Finding f = fs.get(0);
        assertEquals("INFO: task hung in btrfs_finish_one_ordered", Titles.of(f, null));
        assertEquals(Kind.HUNG_ORDERED_EXTENT, f.kind());
        assertTrue(f.evidence().stream().anyMatch(e -> e.contains("kworker/u8:1:41")), "the other waiters are evidence");
    }

    @Test
    void sysrqDumpNamesTheEndOfTheChain() {
        String log = "sysrq: Show Blocked State\n" + task("kworker/u8:1", 41, FIXUP) + task("kworker/u8:3", 77, RECLAIM)
                + task("kworker/u8:5", 90, ORDERED);
        Finding f = Fixtures.scan(log).get(0);
        assertEquals("INFO: task hung in btrfs_finish_one_ordered", Titles.of(f, null));
    }

    @Test
    void withoutTheStuckWorkerTheReclaimWorkerIsTheOneWaitedOn() {
        String log = hung("kworker/u8:1", 41, FIXUP) + hung("kworker/u8:3", 77, RECLAIM);
        Finding f = Fixtures.scan(log).get(0);
        assertEquals("INFO: task hung in btrfs_start_ordered_extent", Titles.of(f, null));
        assertEquals(Kind.HUNG_ORDERED_EXTENT, f.kind());
    }

    private static String hung(String comm, int pid, String stack) {
        return "INFO: task " + comm + ":" + pid + " blocked for more than 120 seconds.\n"
                + "      Not tainted 6.1.0 #1\n"
                + "\"echo 0 > /proc/sys/kernel/hung_task_timeout_secs\" disables this message.\n"
                + task(comm, pid, stack);
    }

    private static String task(String comm, int pid, String stack) {
        return "task:" + comm + " state:D stack:0 pid:" + pid + " ppid:2 flags:0x00004000\n"
                + "Workqueue: btrfs-flush btrfs_work_helper [btrfs]\nCall Trace:\n <TASK>\n" + stack + " </TASK>\n";
    }
}
