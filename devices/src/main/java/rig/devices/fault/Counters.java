package rig.devices.fault;

import java.util.concurrent.atomic.LongAdder;

/** The device's running totals, printed as "name value" lines. */
final class Counters {

    enum Name {
        READS, WRITES, FLUSHES, DISCARDS, READ_BYTES, WRITE_BYTES, DISCARD_BYTES,
        READ_ERRORS, WRITE_ERRORS, FLUSH_ERRORS, DISCARD_ERRORS, FUA_WRITES,
        WRITES_DROPPED, WRITES_TORN, REQUESTS_CORRUPTED, REQUESTS_STALLED, STALL_DEADLINES,
        REQUESTS_DELAYED, FLUSHES_DROPPED, REQUESTS_ABORTED, POWER_CUTS, SECTORS_LOST_TO_POWER_CUTS,
        TABLE_LOADS, SUSPENDS,
        /** Requests the engine failed because of its own bug (not an injected fault). */
        RIG_ERRORS;

        final String key = name().toLowerCase();
    }

    private final LongAdder[] values = new LongAdder[Name.values().length];

    Counters() {
        for (int i = 0; i < values.length; i++) {
            values[i] = new LongAdder();
        }
    }

    void add(Name n, long v) {
        values[n.ordinal()].add(v);
    }

    void inc(Name n) {
        values[n.ordinal()].increment();
    }

    long get(Name n) {
        return values[n.ordinal()].sum();
    }

    /** Counts one completed request of {@code op} with {@code bytes}, its result and effects. */
    void request(Op op, long bytes, int errno, int effects) {
        switch (op) {
            case READ -> {
                inc(Name.READS);
                add(Name.READ_BYTES, bytes);
                if (errno != 0) {
                    inc(Name.READ_ERRORS);
                }
            }
            case WRITE -> {
                inc(Name.WRITES);
                add(Name.WRITE_BYTES, bytes);
                if (errno != 0) {
                    inc(Name.WRITE_ERRORS);
                }
                if ((effects & Effect.FUA) != 0) {
                    inc(Name.FUA_WRITES);
                }
            }
            case FLUSH -> {
                inc(Name.FLUSHES);
                if (errno != 0) {
                    inc(Name.FLUSH_ERRORS);
                }
            }
            case DISCARD -> {
                inc(Name.DISCARDS);
                add(Name.DISCARD_BYTES, bytes);
                if (errno != 0) {
                    inc(Name.DISCARD_ERRORS);
                }
            }
        }
        if (effects != 0 && effects != Effect.FUA) {
            countEffects(op, effects);
        }
    }

    private void countEffects(Op op, int effects) {
        if ((effects & Effect.RIG_ERROR) != 0) {
            inc(Name.RIG_ERRORS);
        }
        if ((effects & Effect.DROPPED) != 0) {
            inc(op == Op.FLUSH ? Name.FLUSHES_DROPPED : Name.WRITES_DROPPED);
        }
        if ((effects & Effect.TORN) != 0) {
            inc(Name.WRITES_TORN);
        }
        if ((effects & Effect.CORRUPTED) != 0) {
            inc(Name.REQUESTS_CORRUPTED);
        }
        if ((effects & Effect.STALLED) != 0) {
            inc(Name.REQUESTS_STALLED);
        }
        if ((effects & Effect.DEADLINE) != 0) {
            inc(Name.STALL_DEADLINES);
        }
        if ((effects & Effect.DELAYED) != 0) {
            inc(Name.REQUESTS_DELAYED);
        }
        if ((effects & Effect.ABORTED) != 0) {
            inc(Name.REQUESTS_ABORTED);
        }
    }

    String format() {
        StringBuilder sb = new StringBuilder();
        for (Name n : Name.values()) {
            sb.append(n.key).append(' ').append(values[n.ordinal()].sum()).append('\n');
        }
        return sb.toString();
    }
}
