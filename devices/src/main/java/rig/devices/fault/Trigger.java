package rig.devices.fault;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When a rule acts on the requests it matches: the first {@code after} matching requests are
 * let through, then every {@code every}-th one, each with probability {@code prob} (decided by
 * a hash of the seed and the request's index among the matching requests, so a seeded run with
 * the same request sequence replays identically), at most {@code limit} times (0: no limit).
 * {@code once} is {@code limit=1}.
 */
final class Trigger {

    final long after, every, limit;
    final double prob;
    final long seed;
    private final AtomicLong seen = new AtomicLong();
    private final AtomicLong fired = new AtomicLong();

    Trigger(long after, long every, long limit, double prob, long seed) {
        this.after = after;
        this.every = every;
        this.limit = limit;
        this.prob = prob;
        this.seed = seed;
    }

    boolean always() {
        return after == 0 && every == 1 && limit == 0 && prob >= 1.0;
    }

    /** Decides for the next matching request; counts it. */
    boolean fires() {
        long n = seen.getAndIncrement();
        if (n < after) {
            return false;
        }
        long k = n - after;
        if (every > 1 && (k + 1) % every != 0) {
            return false;
        }
        if (prob < 1.0 && unit(mix(seed ^ (k * 0x9E3779B97F4A7C15L))) >= prob) {
            return false;
        }
        if (limit > 0) {
            long f;
            do {
                f = fired.get();
                if (f >= limit) {
                    return false;
                }
            } while (!fired.compareAndSet(f, f + 1));
            return true;
        }
        fired.incrementAndGet();
        return true;
    }

    long fired() {
        return fired.get();
    }

    long seen() {
        return seen.get();
    }

    /** The trigger's words in a table line ("" for always). */
    String text() {
        StringBuilder sb = new StringBuilder();
        if (after > 0) {
            sb.append(" after=").append(after);
        }
        if (every > 1) {
            sb.append(" every=").append(every);
        }
        if (limit == 1) {
            sb.append(" once");
        } else if (limit > 1) {
            sb.append(" limit=").append(limit);
        }
        if (prob < 1.0) {
            sb.append(String.format(Locale.ROOT, " prob=%s seed=%d", trimmed(prob), seed));
        }
        return sb.toString();
    }

    private static String trimmed(double d) {
        String s = Double.toString(d);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    /** splitmix64's finaliser: a well-mixed 64-bit hash. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A uniform double in [0, 1) from a hash. */
    static double unit(long h) {
        return (h >>> 11) * 0x1.0p-53;
    }
}
