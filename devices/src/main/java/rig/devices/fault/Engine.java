package rig.devices.fault;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import rig.sys.Errno;

/** The fault engine: serves requests through the table in force; see the package documentation. */
final class Engine implements FaultEngine {

    private final Store store;
    private final Gate gate = new Gate();
    private final Stalls stalls;
    private final Journal journal;
    private final Counters counters = new Counters();
    private final long size;
    private final List<Rule> catalog = new CopyOnWriteArrayList<>();
    private final ReentrantLock control = new ReentrantLock();
    private volatile Table table;
    private volatile Runnable abortHook = () -> { };
    private boolean userSuspended;

    Engine(Backing backing, int journalEntries) {
        long origin = System.nanoTime();
        this.store = new Store(backing);
        this.size = backing.size();
        this.stalls = new Stalls(origin);
        this.journal = new Journal(journalEntries, origin);
        this.table = Table.empty(size / 512);
        catalog.add(null);
    }

    // ---- BlockHandler: the hot path ----

    @Override
    public long size() {
        return size;
    }

    @Override
    public int read(long offset, ByteBuffer dst) {
        long t0 = System.nanoTime();
        int len = dst.remaining();
        return finish(Op.READ, offset, len, serve(Op.READ, offset, len, dst, null, false), t0);
    }

    /** With the empty table the range goes to {@code sink} straight from the backing file; else as {@link #read(long, ByteBuffer)}. */
    @Override
    public int read(long offset, ByteBuffer dst, FileSink sink) {
        long t0 = System.nanoTime();
        int len = dst.remaining();
        return finish(Op.READ, offset, len, serve(Op.READ, offset, len, dst, sink, false), t0);
    }

    @Override
    public int write(long offset, ByteBuffer src, boolean fua) {
        long t0 = System.nanoTime();
        int len = src.remaining();
        return finish(Op.WRITE, offset, len, serve(Op.WRITE, offset, len, src, null, fua), t0);
    }

    @Override
    public int flush() {
        long t0 = System.nanoTime();
        return finish(Op.FLUSH, 0, 0, serve(Op.FLUSH, 0, 0, null, null, false), t0);
    }

    @Override
    public int discard(long offset, long length) {
        long t0 = System.nanoTime();
        return finish(Op.DISCARD, offset, length, serve(Op.DISCARD, offset, length, null, null, false), t0);
    }

    /**
     * Bounds (but for a flush), admission at the gate, then the table in force (the store alone
     * when it is empty; a read then goes to {@code sink} if there is one).
     */
    private long serve(Op op, long offset, long length, ByteBuffer buf, FileSink sink, boolean fua) {
        if (op != Op.FLUSH && (offset < 0 || length < 0 || offset + length > size)) {
            return Outcome.of(Errno.EINVAL, 0);
        }
        if (!gate.enter()) {
            return Outcome.of(Errno.EIO, Effect.ABORTED);
        }
        try {
            Table t = table;
            long out = t.isEmpty() ? (sink != null ? store.data.transfer(offset, (int) length, sink)
                    : pass(op, offset, length, buf))
                    : op == Op.FLUSH ? t.flush(this) : t.map(this, op, offset, length, buf);
            if (fua && Outcome.errno(out) == 0) {
                // a dropped or torn FUA write did not store its sectors: sync, but keep their before-images
                boolean partial = (Outcome.effects(out) & (Effect.DROPPED | Effect.TORN)) != 0;
                int e = partial ? store.flushData() : store.fua(offset, length);
                out = Outcome.withRule(Outcome.of(e, Outcome.effects(out) | Effect.FUA), Outcome.rule(out));
            }
            return out;
        } catch (RuntimeException e) {
            // a bug of the engine, not a fault the table asked for: said, journaled and counted as such
            // (rig_errors), so that a test expecting EIO does not pass on it
            System.err.println("rig fault engine: rig error serving " + op + " offset " + offset + " length " + length
                    + " (answered EIO; this is a bug of the rig, not an injected fault): " + e);
            e.printStackTrace();
            return Outcome.of(Errno.EIO, Effect.RIG_ERROR);
        } finally {
            gate.exit();
        }
    }

    private int finish(Op op, long offset, long length, long out, long t0) {
        int errno = Outcome.errno(out), effects = Outcome.effects(out);
        long first = offset >>> 9;
        journal.record(op, first, ((offset + length + 511) >>> 9) - first, Outcome.rule(out), effects, errno,
                t0, System.nanoTime());
        counters.request(op, length, errno, effects);
        return errno;
    }

    // ---- what rules call ----

    /** Serves a piece as if no rule applied. */
    int pass(Op op, long offset, long length, ByteBuffer buf) {
        return switch (op) {
            case READ -> store.read(offset, buf);
            case WRITE -> store.write(offset, buf);
            case DISCARD -> store.discard(offset, length);
            case FLUSH -> store.flush();
        };
    }

    Store store() {
        return store;
    }

    /**
     * Holds the calling request until released, its deadline (a nanoTime instant, 0: none) or an
     * abort. While held the request does not count as in flight, so a suspend (a table load) does
     * not wait for it; once released it waits for a resume like a new request.
     */
    int hold(Op op, long offset, long length, long deadlineNanos) {
        gate.exit();
        int how = stalls.hold(op, offset, length, deadlineNanos);
        if (!gate.enter()) {
            gate.reenterAborted();
            return Stalls.ABORTED;
        }
        return how;
    }

    /** Sleeps for {@code nanos} (a delay rule); the request stays in flight. */
    void sleep(long nanos) {
        long until = System.nanoTime() + nanos;
        for (long left = nanos; left > 0 && !gate.aborted(); left = until - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    // ---- DeviceControl ----

    @Override
    public void loadTable(String tableText) throws IOException {
        Table next = TableParser.parse(tableText, size / 512, "table");
        whileSuspended(() -> {
            for (Rule r : next.rules()) {
                r.id = catalog.size();
                catalog.add(r);
            }
            if (next.cache != Table.Cache.KEEP) {
                store.setVolatile(next.cache == Table.Cache.VOLATILE);
            }
            next.activate(System.nanoTime());
            table = next;
            counters.inc(Counters.Name.TABLE_LOADS);
        });
    }

    private interface Suspended {
        void run() throws IOException;
    }

    /**
     * Runs a control's change with no request inside: under the control lock, with the gate
     * suspended (already, by the user's suspend, or here for the body's duration).
     */
    private void whileSuspended(Suspended body) throws IOException {
        control.lock();
        try {
            boolean suspendHere = !userSuspended;
            if (suspendHere) {
                gate.suspend();
            }
            try {
                body.run();
            } finally {
                if (suspendHere) {
                    gate.resume();
                }
            }
        } finally {
            control.unlock();
        }
    }

    @Override
    public String table() {
        return (store.isVolatile() ? "cache volatile\n" : "") + table.rulesText();
    }

    @Override
    public void suspend() {
        control.lock();
        try {
            if (!userSuspended) {
                userSuspended = true;
                counters.inc(Counters.Name.SUSPENDS);
                gate.suspend();
            }
        } finally {
            control.unlock();
        }
    }

    @Override
    public void resume() {
        control.lock();
        try {
            userSuspended = false;
            gate.resume();
        } finally {
            control.unlock();
        }
    }

    @Override
    public int releaseStalls() {
        return stalls.releaseAll();
    }

    @Override
    public void powerCut() throws IOException {
        whileSuspended(() -> {
            long lost = store.powerCut();
            counters.inc(Counters.Name.POWER_CUTS);
            counters.add(Counters.Name.SECTORS_LOST_TO_POWER_CUTS, lost);
        });
    }

    @Override
    public rig.devices.DeviceCounters counters() {
        return rig.devices.DeviceCounters.parse(countersText());
    }

    private String countersText() {
        StringBuilder sb = new StringBuilder(counters.format());
        sb.append("stalled_now ").append(stalls.held()).append('\n');
        sb.append("in_flight ").append(Math.max(0, gate.inside())).append('\n');
        sb.append("suspended ").append(gate.suspended() ? 1 : 0).append('\n');
        sb.append("aborted ").append(gate.aborted() ? 1 : 0).append('\n');
        sb.append("cache_volatile ").append(store.isVolatile() ? 1 : 0).append('\n');
        sb.append("cached_sectors ").append(store.cachedSectors()).append('\n');
        sb.append("journal_entries ").append(journal.total()).append('\n');
        sb.append("journal_capacity ").append(journal.capacity()).append('\n');
        for (Rule r : table.rules()) {
            sb.append("rule.").append(r.id).append(".matched ").append(r.trigger.seen()).append('\n');
            sb.append("rule.").append(r.id).append(".fired ").append(r.trigger.fired()).append('\n');
        }
        return sb.toString();
    }

    /** The text of rule {@code id} for the journal ("-" when no rule acted). */
    String ruleText(int id) {
        Rule r = id > 0 && id < catalog.size() ? catalog.get(id) : null;
        return r == null ? "-" : r.text();
    }

    @Override
    public List<String> journalTail(int n) {
        return journal.tail(n).stream().map(e -> e.format(this::ruleText)).toList();
    }

    @Override
    public void saveJournal(Path file) throws IOException {
        JournalReport.write(file, journal, this::ruleText, stalls.describeHeld(), countersText());
    }

    @Override
    public String journalSummary() {
        return JournalReport.summary(journal.entries(0), journal.total(), journal.capacity());
    }

    @Override
    public void onAbort(Runnable hook) {
        this.abortHook = hook == null ? () -> { } : hook;
    }

    @Override
    public void abort() {
        gate.abort();
        stalls.abort();
        abortHook.run();
    }

    @Override
    public Path backingFile() {
        return store.data.path();
    }

    @Override
    public void close() {
        gate.abort();
        stalls.abort();
        store.close();
    }
}
