package rig.devices;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sector ranges fstests' dmerror helpers call bad: the error table maps them to errors and
 * the rest of the device through. As in fstests, the error table starts all bad;
 * {@link #reset()} (fstests' _dmerror_reset_table) makes it all good, {@link #markBad} and
 * {@link #markGood} edit it.
 */
final class BadRanges {

    /** A piece of the device, bad or good; end exclusive. */
    record Segment(long start, long end, boolean bad) {
        long length() {
            return end - start;
        }
    }

    private final long sectors;
    private final TreeMap<Long, Long> bad = new TreeMap<>();

    BadRanges(long sectors) {
        this.sectors = sectors;
        bad.put(0L, sectors);
    }

    long sectors() {
        return sectors;
    }

    synchronized void reset() {
        bad.clear();
    }

    synchronized void markBad(long start, long length) {
        long[] r = clamp(start, length);
        long s = r[0], e = r[1];
        var lower = bad.floorEntry(s);
        if (lower != null && lower.getValue() >= s) {
            s = lower.getKey();
            e = Math.max(e, lower.getValue());
        }
        for (var it = bad.tailMap(s, true).entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Long> next = it.next();
            if (next.getKey() > e) {
                break;
            }
            e = Math.max(e, next.getValue());
            it.remove();
        }
        bad.put(s, e);
    }

    synchronized void markGood(long start, long length) {
        long[] r = clamp(start, length);
        long s = r[0], e = r[1];
        var lower = bad.lowerEntry(s);
        if (lower != null && lower.getValue() > s) {
            bad.put(lower.getKey(), s);
            if (lower.getValue() > e) {
                bad.put(e, lower.getValue());
            }
        }
        for (var it = bad.tailMap(s, true).entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Long> next = it.next();
            if (next.getKey() >= e) {
                break;
            }
            it.remove();
            if (next.getValue() > e) {
                bad.put(e, next.getValue());
                break;
            }
        }
    }

    private long[] clamp(long start, long length) {
        if (start < 0 || length <= 0 || start + length > sectors) {
            throw new IllegalArgumentException("sectors " + start + "+" + length + " are not inside the device (0-"
                    + sectors + "); give a start >= 0 and a length > 0 that end by sector " + sectors);
        }
        return new long[] {start, start + length};
    }

    /** The whole device as consecutive bad and good segments. */
    synchronized List<Segment> segments() {
        List<Segment> out = new ArrayList<>();
        long at = 0;
        for (var e : bad.entrySet()) {
            if (e.getKey() > at) {
                out.add(new Segment(at, e.getKey(), false));
            }
            out.add(new Segment(e.getKey(), e.getValue(), true));
            at = e.getValue();
        }
        if (at < sectors) {
            out.add(new Segment(at, sectors, false));
        }
        return out;
    }
}
