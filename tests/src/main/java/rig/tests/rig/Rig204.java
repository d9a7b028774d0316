package rig.tests.rig;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import rig.check.api.Fstest;
import rig.check.api.NotRunException;
import rig.check.api.NumberedTest;
import rig.check.api.TestEnv;
import rig.devices.java.JavaDevice;
import rig.sys.Exec;

/**
 * Positive control of the hang handling ("stall → hung ordered extent"): btrfs on the
 * Java SCRATCH device, mounted with nodatasum so that the O_DIRECT write stays direct (on 6.18 a
 * direct write to a file with data checksums falls back to buffered I/O). Writes to the data
 * chunks are stalled (metadata passes, so syncfs gets past the inode writeback), a 1 MiB direct
 * write is started and then a syncfs, both in the background; the syncfs waits for the write's
 * ordered extent in btrfs_wait_ordered_extents (or, when a flush_delalloc worker already holds the
 * ordered_operations_mutex, in btrfs_wait_ordered_roots while that worker waits in
 * btrfs_start_ordered_extent_nowriteback; both were seen on 6.18). The test never releases the stall: the runner must
 * see progress stop (blocked task + outstanding ordered extent + an idle device), save the
 * evidence, release the stall, recover, and report the hung ordered extent (ino 257, [0, 1 MiB),
 * added by dd) and the blocked syncfs. {@code expectHang} makes that the pass condition.
 */
@Fstest(id = "rig/204", groups = {"selftest", "checkers", "hang"}, timeoutSeconds = 120, expectHang = true,
        expectedFindings = {
            "^oe: hung ordered extent: fs [0-9a-f-]+ root 5 ino 257 file offset 0 len 1048576 outstanding \\[0, 1048576\\) .*added by dd:\\d+",
            "^blocked: task sync:\\d+ blocked \\d+ s in btrfs_wait_ordered_(extents|roots)",
            "^blocked: task \\S+ blocked \\d+ s in btrfs_(wait_ordered_extents|start_ordered_extent)",
            "^blocked: task \\S+ blocked \\d+ s in \\S+"})
public final class Rig204 implements NumberedTest {

    private static final Duration T = Duration.ofSeconds(60);
    private static final Pattern STRIPE = Pattern.compile("stripe \\d+ devid \\d+ offset (\\d+)");

    @Override
    public void run(TestEnv env) throws Exception {
        String dev = env.config("SCRATCH_DEV").orElseThrow(() -> new NotRunException("this test requires a valid $SCRATCH_DEV"));
        String mnt = env.config("SCRATCH_MNT").orElseThrow(() -> new NotRunException("this test requires $SCRATCH_MNT"));
        if (System.getenv(JavaDevice.CONTROL_ENV) == null) {
            throw new NotRunException("this test requires the Java scratch device ($" + JavaDevice.CONTROL_ENV + ")");
        }
        for (String tool : new String[] {"mkfs.btrfs", "btrfs", "dd", "sync"}) {
            if (!Exec.onPath(tool)) {
                throw new NotRunException(tool + " not found");
            }
        }
        JavaDevice device = JavaDevice.connectFromEnvironment();
        env.full().println(Exec.run(T, "mkfs.btrfs", "-f", dev).orThrow().output());
        Exec.run(T, "mount", "-t", "btrfs", "-o", "nodatasum", dev, mnt).orThrow();
        List<long[]> data = dataStripes(dev);
        StringBuilder table = new StringBuilder();
        for (long[] s : data) {
            table.append(s[0] / 512).append(' ').append(s[1] / 512).append(" stall write\n");
        }
        env.full().println("stall table:\n" + table);
        device.control().loadTable(table.toString());
        env.out().println("stalled the writes to the data chunks (" + data.size() + ")");
        background("dd", "if=/dev/zero", "of=" + Path.of(mnt, "f"), "bs=1M", "count=1", "oflag=direct");
        Thread.sleep(1000);
        env.out().println("started a 1 MiB direct write; now syncfs");
        env.out().flush();
        Exec.Result sync = Exec.run(Duration.ofHours(1), "sync", "-f", mnt);
        env.out().println("syncfs returned " + sync.exitCode() + " (it must not while the stall holds)");
    }

    /** Device byte ranges of the DATA chunks' stripes, from the chunk tree (read before any data is written). */
    static List<long[]> dataStripes(String dev) throws IOException {
        String tree = Exec.run(T, "btrfs", "inspect-internal", "dump-tree", "-t", "chunk", dev).orThrow().stdout();
        List<long[]> out = new ArrayList<>();
        long length = -1;
        boolean isData = false;
        for (String line : tree.split("\n")) {
            String l = line.trim();
            if (l.startsWith("length ")) {
                String[] w = l.split("\\s+");
                length = Long.parseLong(w[1]);
                isData = l.contains(" type DATA");
            }
            Matcher m = STRIPE.matcher(l);
            if (m.find() && isData) {
                out.add(new long[] {Long.parseLong(m.group(1)), length});
            }
        }
        if (out.isEmpty()) {
            throw new IOException("no DATA chunk in the chunk tree of " + dev + ":\n" + tree);
        }
        return out;
    }

    private static void background(String... cmd) {
        Thread t = new Thread(() -> {
            try {
                Exec.run(Duration.ofHours(1), cmd);
            } catch (IOException ignored) {
                // ended with the worker by the runner's hang handling
            }
        }, "rig204-" + cmd[0]);
        t.setDaemon(true);
        t.start();
    }
}
