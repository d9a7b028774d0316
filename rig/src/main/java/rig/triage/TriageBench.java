package rig.triage;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Benchmark: generates a console log of realistic noise (default 100 MB) with a few embedded reports
 * (sysrq-w hang after "direct IO failed", a WARNING, an Oops), triages it, prints MB/s and seconds.
 * {@code java -cp ... rig.triage.TriageBench [MB]}. The log is written to a temp file and deleted.
 */
public final class TriageBench {
    private static final String[] NOISE = {
        "loop%d: detected capacity change from 0 to 2097152",
        "BTRFS info (device loop%d): using crc32c (crc32c-intel) checksum algorithm",
        "BTRFS info (device loop%d): checking UUID tree",
        "BTRFS info (device loop%d): enabling ssd optimizations",
        "XFS (loop%d): Mounting V5 Filesystem 8c3b2f1e-55aa-4c1d-9c2e-0123456789ab",
        "XFS (loop%d): Ending clean mount",
        "EXT4-fs (loop%d): mounted filesystem 0d6a4f9e-1111-2222-3333-444455556666 r/w with ordered data mode. Quota mode: none.",
        "run fstests generic/%d at 2026-11-21 10:07:21",
        "systemd[1]: Started session-%d.scope - Session of User root.",
        "audit: type=1400 audit(1678172841.123:%d): apparmor=\"DENIED\" operation=\"open\" profile=\"snap\" name=\"/proc/\"",
        "e1000e 0000:00:19.0 eth0: NIC Link is Up 1000 Mbps Full Duplex, Flow Control: Rx/Tx %d",
        "perf: interrupt took too long (2503 > 2500), lowering kernel.perf_event_max_sample_rate to %d",
        "usb 1-%d: new high-speed USB device number 2 using xhci_hcd",
        "fuse: init (API version 7.38) %d",
        "BTRFS: device fsid 3c1f9a2e-7d1b-4f0e-9a55-5e6f7a8b9c0d devid 1 transid %d /dev/loop0 scanned by mkfs.btrfs (4242)",
        "  #%d: [ffff888100000000-ffff8881000fffff] ioremap",
    };

    private static final String HANG = """
            BTRFS error (device loop0): bdev /dev/loop0 errs: wr 1, rd 0, flush 0, corrupt 0, gen 0
            BTRFS warning (device loop0): direct IO failed ino 259 op 0x8801 offset 0x0 len 1982464 err no 10
            sysrq: Show Blocked State
            task:kworker/u20:31 state:D stack:0 pid:1457865 ppid:2 flags:0x00004000
            Workqueue: btrfs-flush_delalloc btrfs_work_helper [btrfs]
            Call Trace:
             <TASK>
             __schedule+0x2cb/0x880
             schedule+0x50/0xc0
             btrfs_start_ordered_extent+0xf7/0x140 [btrfs]
             ? add_wait_queue+0xa0/0xa0
             btrfs_run_ordered_extent_work+0x1a/0x30 [btrfs]
             btrfs_work_helper+0x27f/0x360 [btrfs]
             process_one_work+0x1b0/0x390
             worker_thread+0x3c/0x370
             kthread+0xe3/0x110
             ret_from_fork+0x1f/0x30
             </TASK>
            task:umount state:D stack:0 pid:1465218 ppid:1464868 flags:0x00004002
            Call Trace:
             <TASK>
             __schedule+0x2cb/0x880
             schedule+0x50/0xc0
             schedule_timeout+0x269/0x310
             wait_for_completion+0xb5/0x160
             btrfs_wait_ordered_extents+0x346/0x450 [btrfs]
             btrfs_wait_ordered_roots+0x163/0x250 [btrfs]
             btrfs_sync_fs+0x3e/0x1c0 [btrfs]
             </TASK>
            """;
    private static final String WARNING = """
            ------------[ cut here ]------------
            WARNING: CPU: 2 PID: 1003 at fs/iomap/buffered-io.c:1182 iomap_file_buffered_write_punch_delalloc+0x691/0x730
            Modules linked in:
            RIP: 0010:iomap_file_buffered_write_punch_delalloc+0x691/0x730
            Call Trace:
             <TASK>
             xfs_buffered_write_iomap_end+0x40/0xb0
             iomap_iter+0x8e/0x5f0
             iomap_file_buffered_write+0xa4/0x460
             </TASK>
            ---[ end trace 0000000000000000 ]---
            """;
    private static final String OOPS = """
            BUG: kernel NULL pointer dereference, address: 0000000000000008
            Oops: 0000 [#1] PREEMPT SMP NOPTI
            RIP: 0010:btrfs_finish_ordered_io+0x42/0x7a0 [btrfs]
            Call Trace:
             btrfs_work_helper+0xd2/0x3c0 [btrfs]
            ---[ end trace 0000000000000000 ]---
            """;

    private TriageBench() {
    }

    public static void main(String[] args) throws Exception {
        long mb = args.length > 0 ? Long.parseLong(args[0]) : 100;
        Path log = Files.createTempFile("rig-triage-bench-", ".console.log");
        try {
            long bytes = generate(log, mb * 1024 * 1024);
            var threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long cpu0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            TriageResult r = Triage.withDefaults().run(log);
            double s = (System.nanoTime() - t0) / 1e9;
            double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
            double mbs = bytes / 1024.0 / 1024.0;
            // CPU time of the triaging thread: the figure that does not depend on how busy the host is
            System.out.printf("triaged %.1f MB console log in %.2f s wall (%.1f MB/s), %.2f s CPU (%.1f MB/s per core)%n",
                    mbs, s, mbs / s, cpu, mbs / cpu);
            for (Signature sig : r.signatures()) {
                System.out.printf("  %-8s %5d  %s%n", sig.status(), sig.count(), sig.title());
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Writes noise with a report every ~10% of the file; returns the size written. */
    static long generate(Path log, long target) throws IOException {
        Random rnd = new Random(42);
        String[] reports = {HANG, WARNING, OOPS};
        long written = 0;
        long nextReport = target / 10;
        int r = 0;
        double t = 5.0;
        try (BufferedWriter w = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            while (written < target) {
                t += rnd.nextDouble() * 0.01;
                String stamp = String.format("[%12.6f] ", t);
                String text;
                if (written >= nextReport) {
                    for (String line : reports[r++ % reports.length].split("\n")) {
                        String l = stamp + line + "\n";
                        w.write(l);
                        written += l.length();
                    }
                    nextReport += target / 10;
                    continue;
                }
                text = String.format(NOISE[rnd.nextInt(NOISE.length)], rnd.nextInt(1000));
                String l = stamp + text + "\n";
                w.write(l);
                written += l.length();
            }
        }
        return written;
    }
}
