package rig.triage.oops;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A report's title, from its text and its type: the format whose title matches earliest wins, its groups
 * and the guilty frames fill the title, and a report that cannot fill it (no report match, no frames) is
 * corrupted. The same rules as syzkaller's {@code extractDescription}, {@code extractStackFrame} and
 * {@code isCorrupted}.
 */
final class Describer {
    private static final Pattern FMT_ARG = Pattern.compile("%\\[(\\d+)\\][vs]");
    private static final Pattern STAMP_IN_TITLE = Pattern.compile("\\[ *[0-9]+\\.[0-9]+\\]");

    /** The raw title (before sanitising), why the report is corrupted (null if it is not), and the format used. */
    record Description(String title, String corrupted, OopsFormat format) {
    }

    private Describer() {
    }

    static Description describe(String text, Oops oops) {
        try {
            return describeFormats(text, oops);
        } catch (StackOverflowError e) {
            // a rule's regex too deep for this report: it is named by its header line, and said to be corrupted
            return new Description(headerLine(text, oops), "too long for the title rules", null);
        }
    }

    private static String headerLine(String text, Oops oops) {
        int pos = text.indexOf(oops.header());
        int end = pos < 0 ? -1 : text.indexOf('\n', pos);
        return pos < 0 ? "" : text.substring(pos, end < 0 ? text.length() : end);
    }

    private static Description describeFormats(String text, Oops oops) {
        int startPos = text.length();
        String desc = null;
        String corrupted = null;
        OopsFormat format = null;
        boolean matchedTitle = false;
        for (OopsFormat f : oops.formats()) {
            Matcher m = f.title().matcher(text);
            if (!m.find() || m.start() > startPos || (m.start() == startPos && desc != null)) {
                continue;
            }
            if (m.start() < startPos) {
                desc = null;
                format = null;
                startPos = m.start();
            }
            matchedTitle = true;
            if (f.report() != null) {
                m = f.report().matcher(text);
                if (!m.find()) {
                    continue;
                }
            }
            List<String> args = new ArrayList<>();
            for (int g = 1; g <= m.groupCount(); g++) {
                args.add(m.group(g) == null ? "" : m.group(g));
            }
            corrupted = null;
            if (f.stack() != null) {
                StackWalk walk = StackWalk.of(f.stack(), text.substring(m.start()));
                args.addAll(walk.frames());
                if (!walk.ok()) {
                    corrupted = "no frames";
                }
            }
            desc = format(f.fmt(), args);
            format = f;
        }
        if (desc == null) {
            if (matchedTitle) {
                corrupted = "matched title but not report regexp";
            }
            desc = headerLine(text, oops);
        }
        if (corrupted == null && format != null && format.corrupted()) {
            corrupted = "report format is marked as corrupted";
        }
        return new Description(desc, corrupted, format);
    }

    /** Why a described report is corrupted, or null: a timestamp in the title, or a stack trace that is missing or empty. */
    static String corruption(String title, String report, OopsFormat format) {
        if (STAMP_IN_TITLE.matcher(title).find()) {
            return "title matches corrupted regexp";
        }
        if (format == null || format.noStackTrace()) {
            return null;
        }
        boolean hasStack = false;
        for (Pattern key : StackRules.STACK_STARTS) {
            Matcher m = key.matcher(report);
            if (!m.find()) {
                continue;
            }
            String[] lines = report.substring(m.start()).split("\n", -1);
            if (lines.length < 4) {
                return "call trace is missed";
            }
            boolean empty = true;
            scan:
            for (int i = 1; i < 16 && i < lines.length; i++) {
                for (Pattern next : StackRules.STACK_STARTS) {
                    if (next.matcher(lines[i]).find()) {
                        break scan;
                    }
                }
                if (lines[i].contains("(stack is not available)") || Rx.any(StackRules.FRAMES, lines[i])) {
                    hasStack = true;
                    empty = false;
                    break;
                }
            }
            if (key != StackRules.RISCV_STACK_START && empty) {
                return "no frames in a stack trace";
            }
        }
        return hasStack ? null : "no stack trace in report";
    }

    /** Go's {@code fmt.Sprintf} with explicit argument indexes, the only form the rules use. */
    static String format(String fmt, List<String> args) {
        Matcher m = FMT_ARG.matcher(fmt);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            int i = Integer.parseInt(m.group(1)) - 1;
            m.appendReplacement(sb, Matcher.quoteReplacement(i < args.size() ? args.get(i) : "%!v(BADINDEX)"));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
