package rig.triage.log;

/**
 * Reads kernel log text line by line (console logs, dmesg, sysrq dumps, mail archives that flattened
 * them) and reports findings as it goes: kernel reports with stacks (WARNING, BUG/Oops, KASAN, UBSAN,
 * lockdep, hung task, sysrq-w blocked tasks) and one-line messages ({@link MessageRules}). It holds only
 * the report being read, so input of any size streams through.
 */
public final class KernelLogScanner {
    /** Lines that do not belong to a report before the report is considered over (console interleaving). */
    static final int TOLERANCE = 40;
    /** Lines after a hung-task report within which another one belongs to the same burst. */
    static final int HANG_BURST_GAP = 100;

    private final FindingSink sink;
    private final MessageRules messages;
    private final ReportFindings reports;
    private final LogLineSplitter splitter = new LogLineSplitter();
    private final LogLineSplitter.Out logical = this::logical;
    private Report current;
    private int foreign;
    /** Hung-task reports of one burst of the detector, judged together like a sysrq-w dump. */
    private Report pendingHang;
    private int sinceHang;

    public KernelLogScanner(FindingSink sink) {
        this(sink, CulpritRules.defaults(), MessageRules.defaults());
    }

    public KernelLogScanner(FindingSink sink, CulpritRules rules, MessageRules messages) {
        this.sink = sink;
        this.messages = messages;
        this.reports = new ReportFindings(rules);
    }

    /** One physical line of input (without its newline). */
    public void accept(String physicalLine) {
        splitter.split(physicalLine, logical);
    }

    /** End of input: reports the report being read, if any. */
    public void finish() {
        close();
        flushHang();
    }

    private void logical(String stamp, String text) {
        if (pendingHang != null && current == null && ++sinceHang > HANG_BURST_GAP) {
            flushHang();
        }
        Header h = Header.recognise(text);
        if (h != null) {
            if (current != null && current.absorbs(h)) {
                current = current.absorb(h, stamp, text);
            } else {
                close();
                if (h.type() != Header.Type.HUNG_TASK) {
                    flushHang();
                }
                current = new Report(h, stamp, text);
            }
            foreign = 0;
            return;
        }
        if (current != null) {
            if (current.add(stamp, text)) {
                foreign = 0;
                if (current.ended) {
                    close();
                }
                return;
            }
            if (++foreign > TOLERANCE) {
                close();
            }
        }
        Finding f = messages.match(stamp, text);
        if (f != null) {
            sink.accept(f);
        }
    }

    private void close() {
        if (current != null) {
            Report r = current;
            current = null;
            if (r.header.type() == Header.Type.HUNG_TASK) {
                if (pendingHang == null) {
                    pendingHang = r;
                } else {
                    pendingHang.tasks.addAll(r.tasks);
                }
                sinceHang = 0;
                return;
            }
            Finding f = r.header.type() == Header.Type.CUT_HERE ? null : reports.of(r);
            if (f != null) {
                sink.accept(f);
            }
        }
    }

    private void flushHang() {
        if (pendingHang != null) {
            Finding f = reports.of(pendingHang);
            pendingHang = null;
            if (f != null) {
                sink.accept(f);
            }
        }
    }
}
