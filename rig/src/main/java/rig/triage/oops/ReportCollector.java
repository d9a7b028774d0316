package rig.triage.oops;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import rig.triage.Needles;

/**
 * Finds kernel reports in a log read line by line and titles each with syzkaller's rules. A report starts
 * at a line holding a report header ({@link LinuxOopses}) and gathers the lines printed in its context:
 * its printk caller ("[T123]", "[C1]") when the log has them, else every timestamped line (or, in a log
 * without timestamps, every line); questionable "? " frames are left out. A report read without caller ids
 * ends where another report starts or at a report that is only informational ("FAULT_INJECTION: forcing a
 * failure"); one with a caller id goes on with its caller's lines while later reports are read beside it,
 * as syzkaller reads them. Every report ends at {@link #MAX_LINES} lines or at the end of the log. A panic or
 * lockdep report after enough lines of the first is cut off, since it is the first report's echo. Memory is
 * bounded by the few reports open at a time ({@link #MAX_OPEN}).
 */
public final class ReportCollector {
    static final int MAX_LINES = 3000;
    static final int MAX_OPEN = 4;
    private static final Pattern CALLER = Pattern.compile("\\[ *[TC][0-9]+\\]");
    private static final String CONSOLE = "console";
    private static final String REPLAY = "** replaying previous printk message **";

    private final Consumer<OopsReport> out;
    private final List<Open> open = new ArrayList<>(MAX_OPEN);

    /** A report being read. */
    private static final class Open {
        final Oops oops;
        final String context;
        final StringBuilder text = new StringBuilder(4096);
        final List<OopsReport.Line> lines = new ArrayList<>();
        final int minLines;
        int textLines = 1;
        boolean skipText;
        boolean cpuTraceback;

        Open(Oops oops, String context, String stamp, String header) {
            this.oops = oops;
            this.context = context;
            this.minLines = header.contains("BUG: KMSAN:") ? 16 : 22;
            append(stamp, header);
        }

        /** No caller ids: the report cannot tell its lines from another report's. */
        boolean sharedConsole() {
            return context.isEmpty() || context.equals(CONSOLE);
        }

        /**
         * Whether a line of {@code lineContext} is this report's. A header that reached the log without its
         * caller id (through syslog, say) takes timestamped lines of any caller; lines without a timestamp are
         * not a timestamped report's.
         */
        boolean owns(String lineContext) {
            return lineContext.equals(context)
                    || (context.equals(CONSOLE) && lineContext.startsWith("["))
                    || (cpuTraceback && lineContext.startsWith("[") && lineContext.contains("C"));
        }

        /** Adds a line of the report's context; false once the report is full. */
        boolean add(String stamp, String text) {
            textLines++;
            if (text.contains("Disabling lock debugging due to kernel taint")) {
                return true;
            }
            if (text.contains("Sending NMI from CPU")) {
                cpuTraceback = true;
            } else if ((text.contains("Kernel panic - not syncing")
                    || text.contains("WARNING: possible circular locking dependency detected")) && textLines > minLines) {
                skipText = true;
            }
            if (!skipText) {
                append(stamp, text);
            }
            return lines.size() < MAX_LINES;
        }

        private void append(String stamp, String text) {
            this.text.append(text).append('\n');
            lines.add(new OopsReport.Line(stamp, text));
        }
    }

    public ReportCollector(Consumer<OopsReport> out) {
        this.out = out;
    }

    /** One logical log line: its timestamp with the caller id if any ("[  12.345][ T123]", or "") and its text. */
    public void line(String stamp, String text) {
        String context = context(stamp);
        if (!open.isEmpty() && text.contains(REPLAY) && open.get(open.size() - 1).lines.size() == 1) {
            // the header was cut short and is printed again on the next line: that one starts the report
            open.remove(open.size() - 1);
            return;
        }
        Oops oops = header(text);
        if (oops != null && (open.isEmpty() || !Rx.any(LinuxOopses.REPORT_START_IGNORES, text))) {
            finishSharedConsole();
            feed(stamp, context, text);
            if (open.size() == MAX_OPEN) {
                finish(open.get(0));
            }
            open.add(new Open(oops, context, stamp, text));
            return;
        }
        if (oops == null && infoWithStack(text)) {
            finishSharedConsole();
        }
        feed(stamp, context, text);
    }

    /** End of the log: the reports being read are titled, in the order they started. */
    public void finish() {
        while (!open.isEmpty()) {
            finish(open.get(0));
        }
    }

    private void feed(String stamp, String context, String text) {
        boolean questionable = questionable(text);
        for (int i = 0; i < open.size(); i++) {
            Open o = open.get(i);
            if (o.owns(context) && !questionable && !o.add(stamp, text)) {
                finish(o);
                i--;
            }
        }
    }

    private void finishSharedConsole() {
        for (int i = 0; i < open.size(); i++) {
            if (open.get(i).sharedConsole()) {
                finish(open.get(i));
                i--;
            }
        }
    }

    private void finish(Open o) {
        open.remove(o);
        String text = o.text.toString();
        Describer.Description d = Describer.describe(text, o.oops);
        String title = TitleSanitizer.sanitize(headerFunctionIfCorrupted(d.title(), text));
        String corrupted = d.corrupted() != null ? d.corrupted() : Describer.corruption(title, text, d.format());
        out.accept(new OopsReport(title, CrashTypes.type(title), OopsReport.culpritOf(title), corrupted, List.copyOf(o.lines)));
    }

    private static final Needles HEADERS = new Needles(LinuxOopses.ALL.stream().map(Oops::header).toList(), "report headers");

    /** The first report type (in table order) whose header the line holds and does not suppress, or null. */
    private static Oops header(String text) {
        long found = HEADERS.in(text);
        while (found != 0) {
            Oops o = LinuxOopses.ALL.get(Long.numberOfTrailingZeros(found));
            found &= found - 1;
            if (!Rx.any(o.suppressions(), text)) {
                return o;
            }
        }
        return null;
    }

    private static boolean infoWithStack(String text) {
        for (String s : LinuxOopses.INFO_WITH_STACK) {
            if (text.contains(s)) {
                return true;
            }
        }
        return false;
    }

    /** An unreliable frame: "? func+0x..", "[<..>] ? func", or powerpc's "... (unreliable)". */
    private static boolean questionable(String text) {
        if (text.contains("<EOI>")) {
            return false;
        }
        return text.startsWith("? ") || text.contains(" ? ") || text.endsWith(" (unreliable)");
    }

    /** The printk caller of a timestamped line ("[ T123]"), "console" for a timestamp alone, "" for none. */
    static String context(String stamp) {
        if (stamp.isEmpty()) {
            return "";
        }
        int close = stamp.indexOf(']');
        if (close > 0 && close + 1 < stamp.length()) {
            Matcher m = CALLER.matcher(stamp).region(close + 1, stamp.length());
            if (m.lookingAt()) {
                return m.group();
            }
        }
        return CONSOLE;
    }

    private static final String CORRUPTED = " in corrupted";
    private static final Pattern HEADER_FUNCTION = Rx.of("^[^\\n]*? (?:at|in) (?:{{SRC}} )?(?:{{PC}} +)?{{FUNC}}");

    /**
     * A report printed without any stack (a WARN line alone: "WARNING in corrupted" to syzkaller) is named by
     * the function its header names, unless that is machinery every report skips; it is still marked
     * corrupted. A report with a stack, even a cut one, keeps syzkaller's title.
     */
    private static String headerFunctionIfCorrupted(String title, String text) {
        if (!title.endsWith(CORRUPTED) || Rx.any(StackRules.STACK_STARTS, text) || StackRules.RIP.matcher(text).find()) {
            return title;
        }
        Matcher m = HEADER_FUNCTION.matcher(text);
        if (!m.lookingAt() || StackRules.SKIP_PATTERN.matcher(m.group(2)).find()) {
            return title;
        }
        return title.substring(0, title.length() - CORRUPTED.length()) + " in " + m.group(2);
    }

}
