package rig.devices.fault;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import rig.sys.Errno;

/**
 * The I/O journal: one entry per completed request in a preallocated ring of primitive arrays
 * (no object per request). Entries are numbered in completion order; the time is when the
 * request arrived, in seconds since the device was opened (monotonic clock). When the ring is
 * full the oldest entries are overwritten; {@link #total()} still counts them.
 *
 * <p>Writers claim a slot with one atomic increment, fill it, then publish its stamp (sequence
 * + 1) with release semantics; readers accept a slot only when its stamp is the one expected
 * before and after reading it.
 */
final class Journal {

    static final int DEFAULT_CAPACITY = 1 << 16;
    private static final VarHandle STAMP = MethodHandles.arrayElementVarHandle(long[].class);

    private final int mask;
    private final long origin;
    private final AtomicLong next = new AtomicLong();
    private final long[] stamp, start, sector, latency;
    private final int[] sectors, rule, errno, effects;
    private final byte[] op;

    Journal(int capacity, long originNanos) {
        int cap = capacity <= 16 ? 16 : Integer.highestOneBit(capacity - 1) << 1;
        this.mask = cap - 1;
        this.origin = originNanos;
        stamp = new long[cap];
        start = new long[cap];
        sector = new long[cap];
        latency = new long[cap];
        sectors = new int[cap];
        rule = new int[cap];
        errno = new int[cap];
        effects = new int[cap];
        op = new byte[cap];
    }

    int capacity() {
        return mask + 1;
    }

    /** Requests recorded since the device was opened. */
    long total() {
        return next.get();
    }

    void record(Op o, long firstSector, long sectorCount, int ruleId, int effectBits, int err,
                long startNanos, long endNanos) {
        long seq = next.getAndIncrement();
        int i = (int) (seq & mask);
        STAMP.setRelease(stamp, i, 0L);
        start[i] = startNanos - origin;
        sector[i] = firstSector;
        sectors[i] = (int) Math.min(Integer.MAX_VALUE, sectorCount);
        rule[i] = ruleId;
        effects[i] = effectBits;
        errno[i] = err;
        latency[i] = endNanos - startNanos;
        op[i] = (byte) o.ordinal();
        STAMP.setRelease(stamp, i, seq + 1);
    }

    /** The retained entries with sequence numbers from {@code from}, oldest first. */
    List<Entry> entries(long from) {
        long end = next.get();
        long first = Math.max(from, Math.max(0, end - capacity()));
        List<Entry> out = new ArrayList<>((int) Math.max(0, end - first));
        for (long seq = first; seq < end; seq++) {
            int i = (int) (seq & mask);
            if ((long) STAMP.getAcquire(stamp, i) != seq + 1) {
                continue;
            }
            Entry e = new Entry(seq, start[i], Op.VALUES[op[i]], sector[i], sectors[i], rule[i],
                    effects[i], errno[i], latency[i]);
            if ((long) STAMP.getAcquire(stamp, i) == seq + 1) {
                out.add(e);
            }
        }
        return out;
    }

    List<Entry> tail(int n) {
        return entries(Math.max(0, next.get() - n));
    }

    /** One journal entry, materialised for reading (never on the hot path). */
    record Entry(long seq, long startNanos, Op op, long sector, int sectors, int rule, int effects,
                 int errno, long latencyNanos) {

        boolean failed() {
            return errno != 0;
        }

        long endSector() {
            return sector + sectors;
        }

        /** "17 1.234567s WRITE 229376+8 EIO 120us fua [409600 2048 error write]". */
        String format(IntFunction<String> ruleText) {
            return String.format(Locale.ROOT, "%d %.6fs %s %d+%d %s %s %s [%s]", seq, startNanos / 1e9, op,
                    sector, sectors, errno == 0 ? "ok" : Errno.name(errno), latencyText(latencyNanos),
                    Effect.describe(effects), ruleText.apply(rule));
        }
    }

    static String latencyText(long nanos) {
        if (nanos < 10_000_000L) {
            return (nanos / 1000) + "us";
        }
        if (nanos < 10_000_000_000L) {
            return String.format(Locale.ROOT, "%.1fms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.1fs", nanos / 1e9);
    }
}
