package rig.checkers.gaps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each byte of each file should hold after the writes of a log, applied in call order:
 * the pattern of the last acknowledged write covering it, or "unspecified" where the last write
 * covering it failed or was cut short (old data, new data or zeros are all acceptable there,
 * stale device content is not).
 */
final class ExpectedContent {

    /** [start, end) of one file: pattern null means unspecified. */
    record Segment(long start, long end, Pattern pattern, WriteRecord source, int index) {
        boolean known() {
            return pattern != null;
        }
    }

    private final Map<String, List<Segment>> files = new LinkedHashMap<>();

    static ExpectedContent of(List<WriteRecord> writes) {
        ExpectedContent c = new ExpectedContent();
        for (int i = 0; i < writes.size(); i++) {
            WriteRecord w = writes.get(i);
            long ackEnd = w.offset() + w.acknowledged();
            if (ackEnd > w.offset()) {
                c.apply(w.file(), new Segment(w.offset(), ackEnd, w.parsedPattern(), w, i));
            }
            if (ackEnd < w.end()) {
                c.apply(w.file(), new Segment(ackEnd, w.end(), null, w, i));
            }
        }
        return c;
    }

    Map<String, List<Segment>> files() {
        return files;
    }

    /** Overlays seg on the file's segments: what it covers is cut out of older ones. */
    private void apply(String file, Segment seg) {
        List<Segment> old = files.computeIfAbsent(file, f -> new ArrayList<>());
        List<Segment> out = new ArrayList<>();
        for (Segment s : old) {
            if (s.end() <= seg.start() || s.start() >= seg.end()) {
                out.add(s);
                continue;
            }
            if (s.start() < seg.start()) {
                out.add(cut(s, s.start(), seg.start()));
            }
            if (s.end() > seg.end()) {
                out.add(cut(s, seg.end(), s.end()));
            }
        }
        out.add(seg);
        out.sort((a, b) -> Long.compare(a.start(), b.start()));
        files.put(file, out);
    }

    /** A checksum covers exactly its write; a cut checksum segment is no longer checkable. */
    private static Segment cut(Segment s, long start, long end) {
        Pattern p = s.pattern() != null && !s.pattern().generates() ? null : s.pattern();
        return new Segment(start, end, p, s.source(), s.index());
    }
}
