package rig.triage.log;

import rig.triage.oops.ReportCollector;

/**
 * Reads kernel log text line by line (console logs, dmesg, sysrq dumps, mail archives that flattened
 * them) and reports findings as it goes: kernel reports titled by syzkaller's rules
 * ({@link rig.triage.oops.ReportCollector}), where several hung-task reports of one burst are judged
 * together ({@link HangBurst}); sysrq-w and rig's blocked-task dumps; and one-line messages
 * ({@link MessageRules}). It holds only the report being read, so input of any size streams through.
 */
public final class KernelLogScanner {
    /** Lines that do not belong to a dump before the dump is considered over (console interleaving). */
    static final int TOLERANCE = 40;

    private final FindingSink sink;
    private final MessageRules messages;
    private final ReportFindings dumps;
    private final HangBurst hangs;
    private final ReportCollector reports;
    private final LogLineSplitter splitter = new LogLineSplitter();
    private final LogLineSplitter.Out logical = this::logical;
    private Report dump;
    private int foreign;

    public KernelLogScanner(FindingSink sink) {
        this(sink, CulpritRules.defaults(), MessageRules.defaults());
    }

    public KernelLogScanner(FindingSink sink, CulpritRules rules, MessageRules messages) {
        this.sink = sink;
        this.messages = messages;
        this.dumps = new ReportFindings(rules);
        this.hangs = new HangBurst(rules, sink);
        this.reports = new ReportCollector(hangs::report);
    }

    /** One physical line of input (without its newline). */
    public void accept(String physicalLine) {
        splitter.split(physicalLine, logical);
    }

    /** End of input: reports what is being read, if anything. */
    public void finish() {
        reports.finish();
        hangs.flush();
        closeDump();
    }

    private void logical(String stamp, String text) {
        reports.line(stamp, text);
        Header h = Header.recognise(text);
        if (h != null) {
            closeDump();
            dump = new Report(h, stamp, text);
            foreign = 0;
            return;
        }
        if (dump != null) {
            if (dump.add(stamp, text)) {
                foreign = 0;
                return;
            }
            if (++foreign > TOLERANCE) {
                closeDump();
            }
        }
        Finding f = messages.match(stamp, text);
        if (f != null) {
            sink.accept(f);
        }
    }

    private void closeDump() {
        if (dump != null) {
            Finding f = dumps.of(dump);
            dump = null;
            if (f != null) {
                sink.accept(f);
            }
        }
    }
}
