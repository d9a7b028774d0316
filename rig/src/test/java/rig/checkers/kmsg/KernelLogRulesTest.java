package rig.checkers.kmsg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class KernelLogRulesTest {

    // Lines from the seeds: 000 (generic/250 dmesg before the hang) and 004 (iomap WARNING).
    static final String DIO_FAILED = "BTRFS warning (device dm-1): direct IO failed ino 259 op 0x8801 offset 0x0 "
            + "len 1982464 err no 10";
    static final String ERRS = "BTRFS error (device dm-1): bdev /dev/mapper/error-test errs: wr 1, rd 0, flush 0, corrupt 0, gen 0";
    static final String WARNING = "WARNING: CPU: 1 PID: 4170 at fs/iomap/buffered-io.c:1004 "
            + "iomap_write_delalloc_release+0x2e6/0x320";

    @Test
    void failureSignaturesFail() {
        KernelLogRules rules = new KernelLogRules();
        for (String bad : List.of(WARNING, "BUG: kernel NULL pointer dereference, address: 0000000000000008",
                "kernel BUG at fs/btrfs/ordered-data.c:123!", "Oops: 0000 [#1] PREEMPT SMP NOPTI",
                "INFO: task umount:1465218 blocked for more than 120 seconds.",
                "WARNING: possible circular locking dependency detected",
                "BUG: KASAN: use-after-free in btrfs_finish_ordered_io+0x1/0x2",
                "UBSAN: shift-out-of-bounds in fs/btrfs/x.c:1:2",
                "general protection fault, probably for non-canonical address 0xdead: 0000 [#1] SMP")) {
            assertTrue(rules.fails(bad), bad);
        }
        assertFalse(rules.fails(DIO_FAILED));
        assertFalse(rules.fails("sysrq: Show Blocked State"));
    }

    /** fstests' _check_dmesg patterns and _check_dmesg_filter (common/rc at 63a29724). */
    @Test
    void fstestsCheckDmesgPatternsAndFilter() {
        KernelLogRules rules = new KernelLogRules();
        for (String bad : List.of("BUG kmalloc-128 (Not tainted): Objects remaining in kmalloc-128 on __kmem_cache_shutdown()",
                "fsstress invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0",
                "oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),task=fsstress,pid=1,uid=0",
                "WARNING: suspicious RCU usage", "ERR: suspicious RCU usage",
                "WARNING: possible recursive locking detected")) {
            assertTrue(rules.fails(bad), bad);
        }
        for (String filtered : List.of("BUG: MAX_LOCKDEP_CHAIN_HLOCKS too low!", "BUG: MAX_STACK_TRACE_ENTRIES too low!",
                "XFS (loop1): WARNING: Reset corrupted AGFL on AG 0. 1 blocks leaked. Please unmount and run xfs_repair.")) {
            assertFalse(rules.fails(filtered), filtered);
        }
    }

    @Test
    void declaredExpectedMessagesPass() {
        KernelLogRules rules = new KernelLogRules("direct IO failed", "WARNING: CPU: \\d+ PID: \\d+ at fs/iomap/");
        assertFalse(rules.fails(WARNING));
        assertTrue(rules.fails("WARNING: CPU: 0 PID: 1 at fs/btrfs/inode.c:1 x+0x1/0x2"));
        assertEquals(List.of(), rules.failures(List.of(DIO_FAILED, ERRS, WARNING)));
    }

    @Test
    void parsesKmsgRecords() {
        KmsgRecord r = KmsgRecord.parse("4,1234,393878335,-,caller=T12;" + DIO_FAILED + "\n SUBSYSTEM=block\n").orElseThrow();
        assertEquals(0, r.facility());
        assertEquals(4, r.level());
        assertEquals(1234, r.seq());
        assertEquals("[  393.878335] " + DIO_FAILED, r.dmesgLine());
        KmsgRecord user = KmsgRecord.parse("13,5,1000,-;rig: start generic/001 [1.1]").orElseThrow();
        assertEquals(1, user.facility());
        assertEquals(5, user.level());
    }
}
