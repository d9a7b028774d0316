package rig.devices.fault;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A loaded fault table: non-overlapping sector ranges sorted by start, each with its rule;
 * sectors no range covers pass. A request is split at range boundaries (as dm splits a bio at
 * target boundaries) and each piece is served by its range's rule; the request fails with the
 * errno of its first failing piece, and the other pieces still take effect (as dm's clones do).
 * Immutable once built; rules keep their trigger state.
 */
final class Table {

    /** The volatile-cache setting a table asks for; KEEP leaves the device's setting alone. */
    enum Cache { KEEP, WRITETHROUGH, VOLATILE }

    final long deviceSectors;
    final Cache cache;
    private final Rule[] rules;
    private final long[] starts;
    private final Rule[] flushRules;

    Table(long deviceSectors, Cache cache, List<Rule> sortedRules) {
        this.deviceSectors = deviceSectors;
        this.cache = cache;
        this.rules = sortedRules.toArray(new Rule[0]);
        this.starts = new long[rules.length];
        List<Rule> flush = new ArrayList<>();
        for (int i = 0; i < rules.length; i++) {
            starts[i] = rules[i].start;
            if ((rules[i].ops & Rule.FLUSH) != 0) {
                flush.add(rules[i]);
            }
        }
        this.flushRules = flush.toArray(new Rule[0]);
    }

    static Table empty(long deviceSectors) {
        return new Table(deviceSectors, Cache.KEEP, List.of());
    }

    boolean isEmpty() {
        return rules.length == 0;
    }

    Rule[] rules() {
        return rules.clone();
    }

    void activate(long nowNanos) {
        for (Rule r : rules) {
            r.activate(nowNanos);
        }
    }

    /** Index of the last range starting at or before {@code sector}, or -1. */
    int floor(long sector) {
        int lo = 0, hi = starts.length - 1, found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] <= sector) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /**
     * Serves a READ, WRITE or DISCARD of {@code length} bytes at {@code offset} piece by piece.
     * For reads and writes {@code buf} holds exactly the request's bytes (position to limit);
     * for discards it is null. Returns an {@link Outcome} with the acting rule's id (0: none).
     */
    long map(Engine eng, Op op, long offset, long length, ByteBuffer buf) {
        int pos = buf == null ? 0 : buf.position(), lim = buf == null ? 0 : buf.limit();
        long end = offset + length, cur = offset;
        int errno = 0, effects = 0, ruleId = 0;
        int i = floor(offset >>> 9);
        if (i >= 0 && rules[i].end * 512 <= offset) {
            i++;
        } else if (i < 0) {
            i = 0;
        }
        while (cur < end) {
            Rule r = null;
            long pieceEnd;
            if (i < rules.length && rules[i].start * 512 <= cur) {
                r = rules[i];
                pieceEnd = Math.min(end, r.end * 512);
                i++;
            } else {
                pieceEnd = i < rules.length ? Math.min(end, rules[i].start * 512) : end;
            }
            if (buf != null) {
                buf.limit(pos + (int) (pieceEnd - offset)).position(pos + (int) (cur - offset));
            }
            int out = r == null ? eng.pass(op, cur, pieceEnd - cur, buf)
                    : r.serve(eng, op, cur, pieceEnd - cur, buf);
            if (buf != null) {
                buf.limit(lim).position(pos);
            }
            int e = Outcome.errno(out), fx = Outcome.effects(out);
            if (r != null && ruleId == 0 && (e != 0 || fx != 0)) {
                ruleId = r.id;
            }
            if (errno == 0) {
                errno = e;
            }
            effects |= fx;
            cur = pieceEnd;
        }
        return Outcome.withRule(Outcome.of(errno, effects), ruleId);
    }

    /** A flush meets the rules that name {@code flush}, in table order; the first that acts decides. */
    long flush(Engine eng) {
        for (Rule r : flushRules) {
            if (r.trigger.fires()) {
                return Outcome.withRule(r.act(eng, Op.FLUSH, 0, 0, null), r.id);
            }
        }
        return eng.pass(Op.FLUSH, 0, 0, null);
    }

    /** The table in its text form, one line per range in sector order. */
    String text() {
        StringBuilder sb = new StringBuilder();
        if (cache != Cache.KEEP) {
            sb.append("cache ").append(cache.name().toLowerCase()).append('\n');
        }
        return sb.append(rulesText()).toString();
    }

    /** The rule lines only. */
    String rulesText() {
        StringBuilder sb = new StringBuilder();
        for (Rule r : rules) {
            sb.append(r.text()).append('\n');
        }
        return sb.toString();
    }
}
