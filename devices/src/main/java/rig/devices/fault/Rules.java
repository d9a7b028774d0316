package rig.devices.fault;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import rig.sys.Errno;

/** The rule kinds of a fault table (see the package documentation for their words). */
final class Rules {

    private Rules() {
    }

    static String errnoWord(int errno) {
        return " errno=" + Errno.name(errno).replace("errno ", "");
    }

    static String duration(long nanos) {
        if (nanos % 1_000_000_000L == 0) {
            return (nanos / 1_000_000_000L) + "s";
        }
        if (nanos % 1_000_000L == 0) {
            return (nanos / 1_000_000L) + "ms";
        }
        if (nanos % 1_000L == 0) {
            return (nanos / 1_000L) + "us";
        }
        return nanos + "ns";
    }

    /** {@code pass}: straight to the backing store. */
    static final class Pass extends Rule {
        Pass(long start, long end) {
            super(start, end, ALL, new Trigger(0, 1, 0, 1.0, 0));
        }

        @Override
        String keyword() {
            return "pass";
        }

        @Override
        String params() {
            return "";
        }

        @Override
        int defaultOps() {
            return ALL;
        }

        @Override
        int act(Engine eng, Op op, long offset, long length, ByteBuffer buf) {
            return eng.pass(op, offset, length, buf);
        }
    }

    /** {@code error}: the request fails with errno (EIO by default), nothing is read or written. */
    static final class Error extends Rule {
        final int errno;

        Error(long start, long end, int ops, Trigger trigger, int errno) {
            super(start, end, ops, trigger);
            this.errno = errno;
        }

        @Override
        String keyword() {
            return "error";
        }

        @Override
        String params() {
            return errnoWord(errno);
        }

        @Override
        int act(Engine eng, Op op, long offset, long length, ByteBuffer buf) {
            return Outcome.of(errno, 0);
        }
    }

    /** {@code drop}: writes (and discards, flushes if named) are acknowledged and thrown away. */
    static final class Drop extends Rule {
        Drop(long start, long end, int ops, Trigger trigger) {
            super(start, end, ops, trigger);
        }

        @Override
        String keyword() {
            return "drop";
        }

        @Override
        String params() {
            return "";
        }

        @Override
        int defaultOps() {
            return WRITE;
        }

        @Override
        int act(Engine eng, Op op, long offset, long length, ByteBuffer buf) {
            return Outcome.of(0, Effect.DROPPED);
        }
    }

    /** {@code flakey}: up for {@code up}, then down for {@code down}, from the table load; while down it misbehaves. */
    static final class Flakey extends Rule {
        enum Mode { ERROR, DROP_WRITES, ERROR_WRITES }

        final long upNanos, downNanos;
        final Mode mode;
        final int errno;
        private volatile long epoch;

        Flakey(long start, long end, int ops, Trigger trigger, long upNanos, long downNanos, Mode mode, int errno) {
            super(start, end, ops, trigger);
            this.upNanos = upNanos;
            this.downNanos = downNanos;
            this.mode = mode;
            this.errno = errno;
        }

        @Override
        void activate(long nowNanos) {
            epoch = nowNanos;
        }

        boolean down(long nowNanos) {
            if (downNanos == 0) {
                return false;
            }
            return (nowNanos - epoch) % (upNanos + downNanos) >= upNanos;
        }

        @Override
        String keyword() {
            return "flakey";
        }

        @Override
        String params() {
            return " up=" + duration(upNanos) + " down=" + duration(downNanos)
                    + (mode == Mode.ERROR ? "" : " " + mode.name().toLowerCase()) + errnoWord(errno);
        }

        @Override
        int act(Engine eng, Op op, long offset, long length, ByteBuffer buf) {
            if (!down(System.nanoTime())) {
                return eng.pass(op, offset, length, buf);
            }
            boolean writeLike = op != Op.READ;
            return switch (mode) {
                case ERROR -> Outcome.of(errno, 0);
                case DROP_WRITES -> writeLike ? Outcome.of(0, Effect.DROPPED) : eng.pass(op, offset, length, buf);
                case ERROR_WRITES -> writeLike ? Outcome.of(errno, 0) : eng.pass(op, offset, length, buf);
            };
        }
    }

    /** {@code stall}: held until releaseStalls (then served as pass) or the deadline (then fails with errno). */
    static final class Stall extends Rule {
        final long deadlineNanos;
        final int errno;

        Stall(long start, long end, int ops, Trigger trigger, long deadlineNanos, int errno) {
            super(start, end, ops, trigger);
            this.deadlineNanos = deadlineNanos;
            this.errno = errno;
        }

        @Override
        String keyword() {
            return "stall";
        }

        @Override
        String params() {
            return (deadlineNanos > 0 ? " deadline=" + duration(deadlineNanos) : "") + errnoWord(errno);
        }

        @Override
        int act(Engine eng, Op op, long offset, long length, ByteBuffer buf) {
            long deadline = deadlineNanos > 0 ? System.nanoTime() + deadlineNanos : 0;
            return switch (eng.hold(op, offset, length, deadline)) {
                case Stalls.RELEASED -> Outcome.of(Outcome.errno(eng.pass(op, offset, length, buf)), Effect.STALLED);
                case Stalls.DEADLINE -> Outcome.of(errno, Effect.STALLED | Effect.DEADLINE);
                default -> Outcome.of(Errno.EIO, Effect.STALLED | Effect.ABORTED);
            };
        }
    }

    /** {@code delay}: waits latency (plus or minus a seeded uniform jitter), then passes. */
    static final class Delay extends Rule {
        final long latencyNanos, jitterNanos, seed;
        private final AtomicLong count = new AtomicLong();

        Delay(long start, long end, int ops, Trigger trigger, long latencyNanos, long jitterNanos, long seed) {
            super(start, end, ops, trigger);
            this.latencyNanos = latencyNanos;
            this.jitterNanos = jitterNanos;
            this.seed = seed;
        }

        @Override
        String keyword() {
            return "delay";
        }

        @Override
        String params() {
            return " latency=" + duration(latencyNanos)
                    + (jitterNanos > 0 ? " jitter=" + duration(jitterNanos) + seedWord() : "");
        }

        private String seedWord() {
            return trigger.prob < 1.0 ? "" : " seed=" + seed;
        }

        long nextLatency() {
            if (jitterNanos == 0) {
                return latencyNanos;
            }
            double u = Trigger.unit(Trigger.mix(seed + 0x632BE59BD9B4E019L * count.getAndIncrement()));
            return Math.max(0, latencyNanos + (long) ((2 * u - 1) * jitterNanos));
        }

        @Override
        int act(Engine eng, Op op, long offset, long length, ByteBuffer buf) {
            eng.sleep(nextLatency());
            return Outcome.of(Outcome.errno(eng.pass(op, offset, length, buf)), Effect.DELAYED);
        }
    }

    /** {@code torn}: a write persists only its first {@code keep} sectors, then fails or is acknowledged. */
    static final class Torn extends Rule {
        final long keepSectors;
        final boolean acknowledge;
        final int errno;

        Torn(long start, long end, Trigger trigger, long keepSectors, boolean acknowledge, int errno) {
            super(start, end, Op.WRITE.bit(), trigger);
            this.keepSectors = keepSectors;
            this.acknowledge = acknowledge;
            this.errno = errno;
        }

        @Override
        String keyword() {
            return "torn";
        }

        @Override
        int defaultOps() {
            return Op.WRITE.bit();
        }

        @Override
        String params() {
            return " keep=" + keepSectors + (acknowledge ? " then=ack" : " then=error" + errnoWord(errno));
        }

        @Override
        int act(Engine eng, Op op, long offset, long length, ByteBuffer buf) {
            long keep = keepSectors * 512;
            if (keep >= length) {
                return eng.pass(op, offset, length, buf);
            }
            int lim = buf.limit();
            buf.limit(buf.position() + (int) keep);
            int e = eng.store().write(offset, buf);
            buf.limit(lim);
            if (e != 0) {
                return Outcome.of(e, Effect.TORN);
            }
            return Outcome.of(acknowledge ? 0 : errno, Effect.TORN);
        }
    }

    /** {@code corrupt}: inverts {@code bytes} consecutive bytes at a seeded position of the data read or written. */
    static final class Corrupt extends Rule {
        final int bytes;
        final long seed;
        private final AtomicLong count = new AtomicLong();

        Corrupt(long start, long end, int ops, Trigger trigger, int bytes, long seed) {
            super(start, end, ops, trigger);
            this.bytes = bytes;
            this.seed = seed;
        }

        @Override
        String keyword() {
            return "corrupt";
        }

        @Override
        int defaultOps() {
            return READ;
        }

        @Override
        String params() {
            return " bytes=" + bytes + (trigger.prob < 1.0 ? "" : " seed=" + seed);
        }

        @Override
        int act(Engine eng, Op op, long offset, long length, ByteBuffer buf) {
            if (buf == null || !buf.hasRemaining()) {
                return eng.pass(op, offset, length, buf);
            }
            int at = at(buf.remaining());
            if (op == Op.READ) {
                int e = eng.pass(op, offset, length, buf);
                if (e == 0) {
                    invert(buf, at);
                }
                return Outcome.of(Outcome.errno(e), Effect.CORRUPTED);
            }
            invert(buf, at);
            int e = eng.pass(op, offset, length, buf);
            invert(buf, at);
            return Outcome.of(Outcome.errno(e), Effect.CORRUPTED);
        }

        private int at(int remaining) {
            long h = Trigger.mix(seed + 0x9E3779B97F4A7C15L * count.getAndIncrement());
            int span = Math.max(1, remaining - bytes + 1);
            return (int) Long.remainderUnsigned(h, span);
        }

        private void invert(ByteBuffer buf, int at) {
            int base = buf.position() + at, end = Math.min(buf.limit(), base + bytes);
            for (int i = base; i < end; i++) {
                buf.put(i, (byte) ~buf.get(i));
            }
        }
    }
}
