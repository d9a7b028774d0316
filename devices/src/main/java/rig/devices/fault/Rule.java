package rig.devices.fault;

import java.nio.ByteBuffer;

/**
 * One line of a fault table: a sector range, the operations it applies to, a trigger, and what
 * it does to a request piece inside its range. A piece the rule does not match (other
 * operation, trigger not firing) is served as {@code pass}.
 */
abstract class Rule {

    static final int READ = Op.READ.bit(), WRITE = Op.WRITE.bit() | Op.DISCARD.bit(),
            FLUSH = Op.FLUSH.bit(), RW = READ | WRITE, ALL = RW | FLUSH;

    final long start, end;
    final int ops;
    final Trigger trigger;
    /** Index in the engine's rule catalog (journal entries name rules by it); set at load. */
    int id;

    Rule(long start, long end, int ops, Trigger trigger) {
        this.start = start;
        this.end = end;
        this.ops = ops;
        this.trigger = trigger;
    }

    /** The rule's keyword ("error", "stall", ...). */
    abstract String keyword();

    /** The canonical parameter words after the keyword and the operations (" errno=EIO"). */
    abstract String params();

    /** Acts on a piece the rule matched and whose trigger fired; returns an {@link Outcome}. */
    abstract int act(Engine eng, Op op, long offset, long length, ByteBuffer buf);

    /** Called when the table holding this rule takes effect (time-based rules start their clock). */
    void activate(long nowNanos) {
    }

    final int serve(Engine eng, Op op, long offset, long length, ByteBuffer buf) {
        if ((ops & op.bit()) == 0 || !trigger.fires()) {
            return eng.pass(op, offset, length, buf);
        }
        return act(eng, op, offset, length, buf);
    }

    final String text() {
        return start + " " + (end - start) + " " + keyword() + opsText() + params() + trigger.text();
    }

    /** The operation words as written in a table (empty when they are the rule's default). */
    String opsText() {
        if (ops == defaultOps()) {
            return "";
        }
        return " " + opsWord(ops);
    }

    int defaultOps() {
        return RW;
    }

    static String opsWord(int ops) {
        if (ops == ALL) {
            return "all";
        }
        if (ops == RW) {
            return "rw";
        }
        StringBuilder sb = new StringBuilder();
        if ((ops & READ) != 0) {
            sb.append("read");
        }
        if ((ops & WRITE) != 0) {
            sb.append(sb.length() > 0 ? " write" : "write");
        }
        if ((ops & FLUSH) != 0) {
            sb.append(sb.length() > 0 ? " flush" : "flush");
        }
        return sb.toString();
    }
}
