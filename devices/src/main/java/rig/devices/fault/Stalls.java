package rig.devices.fault;

/**
 * Requests held by stall rules. A held request waits until {@link #releaseAll()}, its deadline,
 * or an abort. A small fixed table remembers what is held, for the journal's "held now" list.
 */
final class Stalls {

    static final int RELEASED = 0, DEADLINE = 1, ABORTED = 2;
    private static final int SLOTS = 256;

    private final Object lock = new Object();
    private final long origin;
    private long generation;
    private int held;
    private boolean aborted;
    private final boolean[] used = new boolean[SLOTS];
    private final byte[] op = new byte[SLOTS];
    private final long[] sector = new long[SLOTS], since = new long[SLOTS], sectors = new long[SLOTS];

    Stalls(long originNanos) {
        this.origin = originNanos;
    }

    /** Holds the calling request; {@code deadlineNanos} is a System.nanoTime() instant or 0 for none. */
    int hold(Op o, long offset, long length, long deadlineNanos) {
        synchronized (lock) {
            if (aborted) {
                return ABORTED;
            }
            int slot = claim(o, offset, length);
            long gen = generation;
            held++;
            boolean interrupted = false;
            try {
                while (generation == gen && !aborted) {
                    long wait = deadlineNanos == 0 ? 0 : deadlineNanos - System.nanoTime();
                    if (deadlineNanos != 0 && wait <= 0) {
                        return DEADLINE;
                    }
                    try {
                        if (deadlineNanos == 0) {
                            lock.wait();
                        } else {
                            lock.wait(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                return aborted ? ABORTED : RELEASED;
            } finally {
                held--;
                if (slot >= 0) {
                    used[slot] = false;
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private int claim(Op o, long offset, long length) {
        for (int i = 0; i < SLOTS; i++) {
            if (!used[i]) {
                used[i] = true;
                op[i] = (byte) o.ordinal();
                sector[i] = offset >>> 9;
                sectors[i] = (length + 511) >>> 9;
                since[i] = System.nanoTime();
                return i;
            }
        }
        return -1;
    }

    /** Lets every held request go; returns how many were held. */
    int releaseAll() {
        synchronized (lock) {
            int n = held;
            generation++;
            lock.notifyAll();
            return n;
        }
    }

    void abort() {
        synchronized (lock) {
            aborted = true;
            lock.notifyAll();
        }
    }

    int held() {
        synchronized (lock) {
            return held;
        }
    }

    /** "WRITE 2048+8 held 12.3 s" lines for the requests held now. */
    java.util.List<String> describeHeld() {
        java.util.List<String> out = new java.util.ArrayList<>();
        synchronized (lock) {
            long now = System.nanoTime();
            for (int i = 0; i < SLOTS; i++) {
                if (used[i]) {
                    out.add(String.format(java.util.Locale.ROOT, "%s %d+%d held %.1f s (since %.6fs)",
                            Op.VALUES[op[i]], sector[i], sectors[i], (now - since[i]) / 1e9,
                            (since[i] - origin) / 1e9));
                }
            }
        }
        return out;
    }
}
