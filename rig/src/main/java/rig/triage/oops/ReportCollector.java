package rig.triage.oops;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import rig.triage.Needles;

/**
 * Finds kernel reports in a log read line by line and titles each with syzkaller's rules. A report starts
 * at a line holding a report header ({@link LinuxOopses}); it gathers the lines printed in the same
 * context (the printk caller "[T123]"/"[C1]" when the log has one; with plain timestamps, every
 * timestamped line) and leaves out questionable "? " frames; it ends where another report starts, at a
 * report that is only informational ("FAULT_INJECTION: forcing a failure"), at {@link #MAX_LINES}, or at
 * the end of the log. A panic or lockdep report after enough lines of the first is cut off, since it is
 * the first report's echo. Memory is bounded by the one report being read.
 */
public final class ReportCollector {
    static final int MAX_LINES = 3000;
    private static final Pattern CALLER = Pattern.compile("\\[ *[TC][0-9]+\\]");
    private static final String CONSOLE = "console";
    private static final String REPLAY = "** replaying previous printk message **";

    private final Consumer<OopsReport> out;
    private Current current;

    private static final class Current {
        final Oops oops;
        final String context;
        final StringBuilder text = new StringBuilder(4096);
        final List<String> lines = new ArrayList<>();
        final int minLines;
        int textLines;
        boolean skipText;
        boolean cpuTraceback;

        Current(Oops oops, String context, String header) {
            this.oops = oops;
            this.context = context;
            this.minLines = header.contains("BUG: KMSAN:") ? 16 : 22;
        }
    }

    public ReportCollector(Consumer<OopsReport> out) {
        this.out = out;
    }

    /** One logical log line: its timestamp with the caller id if any ("[  12.345][ T123]", or "") and its text. */
    public void line(String stamp, String text) {
        String context = context(stamp);
        Oops oops = header(text);
        if (current != null && current.lines.size() == 1 && text.contains(REPLAY)) {
            // the header was cut short and is printed again on the next line: that one starts the report
            current = null;
            return;
        }
        if (current == null) {
            if (oops != null) {
                start(oops, context, stamp, text);
            }
            return;
        }
        boolean sharedConsole = current.context.isEmpty() || current.context.equals(CONSOLE);
        // a header that reached the log without its caller id (through syslog, say) cannot tell the callers
        // apart: timestamped lines of any caller may be its report's; lines without a timestamp are not
        boolean sameContext = context.equals(current.context)
                || (current.context.equals(CONSOLE) && context.startsWith("["))
                || (current.cpuTraceback && context.startsWith("[") && context.contains("C"));
        if (oops != null && !Rx.any(LinuxOopses.REPORT_START_IGNORES, text) && (sameContext || sharedConsole)) {
            finish();
            start(oops, context, stamp, text);
            return;
        }
        if (oops == null && sharedConsole && infoWithStack(text)) {
            finish();
            return;
        }
        if (!sameContext || questionable(text)) {
            return;
        }
        add(stamp, text);
    }

    /** End of the log: the report being read is titled. */
    public void finish() {
        Current c = current;
        current = null;
        if (c == null) {
            return;
        }
        String text = c.text.toString();
        Describer.Description d = Describer.describe(text, c.oops);
        String title = TitleSanitizer.sanitize(headerFunctionIfCorrupted(d.title(), text));
        String corrupted = d.corrupted() != null ? d.corrupted() : Describer.corruption(title, text, d.format());
        out.accept(new OopsReport(title, CrashTypes.type(title), culprit(title), corrupted, List.copyOf(c.lines)));
    }

    private void start(Oops oops, String context, String stamp, String text) {
        current = new Current(oops, context, text);
        current.textLines = 1;
        append(stamp, text);
    }

    private void add(String stamp, String text) {
        Current c = current;
        c.textLines++;
        if (text.contains("Disabling lock debugging due to kernel taint")) {
            return;
        }
        if (text.contains("Sending NMI from CPU")) {
            c.cpuTraceback = true;
        } else if ((text.contains("Kernel panic - not syncing")
                || text.contains("WARNING: possible circular locking dependency detected")) && c.textLines > c.minLines) {
            c.skipText = true;
        }
        if (c.skipText) {
            return;
        }
        append(stamp, text);
        if (c.lines.size() >= MAX_LINES) {
            finish();
        }
    }

    private void append(String stamp, String text) {
        current.text.append(text).append('\n');
        current.lines.add(stamp.isEmpty() ? text : stamp + " " + text);
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

    private static final Pattern SKIP = Pattern.compile(String.join("|", StackRules.SKIP));

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
        if (!m.lookingAt() || SKIP.matcher(m.group(2)).find()) {
            return title;
        }
        return title.substring(0, title.length() - CORRUPTED.length()) + " in " + m.group(2);
    }

    /** What a title names after its last " in " (a function, or "caller/callee"), or null. */
    static String culprit(String title) {
        int i = title.lastIndexOf(" in ");
        return i < 0 || i + 4 == title.length() ? null : title.substring(i + 4);
    }
}
