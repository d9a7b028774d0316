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
                    String line = String.format(Locale.ROOT,
                            "gap in the making: ino %d [%d, %d) of %s finished with IOERR (%s) but write #%d "
                                    + "acknowledged [%d, %d) (returned %d)", io.ino(), s, t, w.file(),
                            io.event(), i, w.offset(), w.offset() + w.acknowledged(), w.result());
                    if (!r.findings.contains(line)) {
                        r.findings.add(line);
                        r.text.add(line);
                    }
                }
            }
        }
        return r;
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
