package rig.checkers.oe;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import rig.checkers.gaps.WriteRecord;

/**
 * Turns a ledger into findings: every ordered extent still outstanding after the test (a hung
 * or leaked ordered extent) and every IOERR range over bytes a write call acknowledged (a gap
 * in the making), plus the full text saved as NNN.oe.
 */
final class OeReport {

    private final List<String> findings = new ArrayList<>();
    private final List<String> text = new ArrayList<>();

    /**
     * @param now        the trace clock now (CLOCK_MONOTONIC seconds)
     * @param writes     the test's expectation log (may be empty)
     * @param ours       which fsids belong to the test
     */
    static OeReport of(Ledger ledger, double now, List<WriteRecord> writes, java.util.function.Predicate<String> ours,
                       java.util.function.Function<String, java.util.Set<String>> devices) {
        OeReport r = new OeReport();
        for (Ledger.Entry e : ledger.outstanding()) {
            boolean mine = ours.test(e.key().fsid());
            String line = hung(e, now);
            if (mine) {
                r.findings.add(line);
            }
            r.text.add((mine ? "" : "[other filesystem " + devices.apply(e.key().fsid()) + ", not this test's] ") + line);
            e.raw().forEach(raw -> r.text.add("    " + raw));
        }
        List<long[]> gaps = new ArrayList<>();
        for (Ledger.IoError io : ledger.ioErrors()) {
            r.text.add(String.format(Locale.ROOT, "IOERR: fs %s root %d ino %d [%d, %d) by %s (%s)", io.fsid(),
                    io.root(), io.ino(), io.start(), io.end(), io.task(), io.event()));
            r.text.add("    " + io.raw());
            if (!ours.test(io.fsid())) {
                continue;
            }
            for (int i = 0; i < writes.size(); i++) {
                WriteRecord w = writes.get(i);
                long s = Math.max(io.start(), w.offset());
                long t = Math.min(io.end(), w.offset() + w.acknowledged());
                if (w.ino() == io.ino() && s < t) {
                    gaps.add(new long[] {io.ino(), s, t, i});
                }
            }
        }
        r.gapsInTheMaking(gaps, writes);
        return r;
    }

    /**
     * One finding per inode and contiguous range of acknowledged bytes that finished with IOERR,
     * naming the first and last write call that acknowledged them.
     */
    private void gapsInTheMaking(List<long[]> gaps, List<WriteRecord> writes) {
        gaps.sort((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
        long[] run = null;
        long first = 0, last = 0;
        for (long[] g : gaps) {
            if (run != null && g[0] == run[0] && g[1] <= run[2]
                    && writes.get((int) g[3]).file().equals(writes.get((int) first).file())) {
                run[2] = Math.max(run[2], g[2]);
                first = Math.min(first, g[3]);
                last = Math.max(last, g[3]);
                continue;
            }
            if (run != null) {
                addGap(run, first, last, writes);
            }
            run = g.clone();
            first = g[3];
            last = g[3];
        }
        if (run != null) {
            addGap(run, first, last, writes);
        }
    }

    private void addGap(long[] run, long first, long last, List<WriteRecord> writes) {
        String line = String.format(Locale.ROOT, "gap in the making: ino %d [%d, %d) of %s finished with IOERR "
                        + "although write%s acknowledged it", run[0], run[1], run[2], writes.get((int) first).file(),
                first == last ? " #" + first : "s #" + first + "-#" + last);
        findings.add(line);
        text.add(line);
    }

    /** "hung ordered extent: fs F root 5 ino 257 [0, 1048576) len ... outstanding 12.3 s" */
    static String hung(Ledger.Entry e, double now) {
        StringBuilder ranges = new StringBuilder();
        for (long[] r : e.outstanding()) {
            ranges.append(ranges.length() == 0 ? "" : " ").append('[').append(r[0]).append(", ").append(r[1]).append(')');
        }
        return String.format(Locale.ROOT,
                "hung ordered extent: fs %s root %d ino %d file offset %d len %d outstanding %s bytes_left %d "
                        + "flags %s, added by %s, outstanding %.1f s, last event %s%s%s",
                e.key().fsid(), e.key().root(), e.key().ino(), e.key().fileOffset(), e.len(), ranges, e.bytesLeft(),
                e.flags(), e.addTask(), now - e.addTime(), e.lastEvent(),
                e.splits() > 0 ? ", split " + e.splits() + "x" : "",
                e.waiter() != null ? ", waited on by " + e.waiter() : "");
    }

    List<String> findings() {
        return findings;
    }

    List<String> text() {
        return text;
    }
}
