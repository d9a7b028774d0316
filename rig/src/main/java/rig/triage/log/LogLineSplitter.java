package rig.triage.log;

import java.util.regex.Pattern;

/**
 * Turns one physical line into logical kernel log lines. A physical line may hold many records when a
 * mail archive flattened a log (newlines replaced by spaces): it is cut before every printk timestamp.
 * Each logical line loses its decorations: syslog/journal prefixes ("... kernel: "), console levels
 * ("<4>"), /dev/kmsg headers ("6,1234,5678,-;"), mail quoting ("> ", ">> ", trailing " > >"), and
 * the timestamp itself, which is passed separately (kept for evidence, never used in titles).
 */
public final class LogLineSplitter {

    /** Receives a logical line: its timestamp (with brackets, or "") and its text. */
    @FunctionalInterface
    public interface Out {
        void line(String stamp, String text);
    }

    private static final Pattern DATE_STAMP =
            Pattern.compile("\\[[A-Z][a-z]{2} [A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\d{4}\\]");
    private static final Pattern KMSG_HEADER = Pattern.compile("^\\d+,\\d+,\\d+,[^;]{0,8};");

    public void split(String physical, Out out) {
        String s = stripLinePrefix(physical);
        int pos = 0;
        int segStart = 0;
        String stamp = "";
        while (true) {
            int open = s.indexOf('[', pos);
            if (open < 0) {
                break;
            }
            int end = stampEnd(s, open);
            if (end < 0) {
                pos = open + 1;
                continue;
            }
            emit(stamp, s, segStart, open, out);
            stamp = s.substring(open, trimStampEnd(s, end));
            segStart = end;
            pos = end;
        }
        emit(stamp, s, segStart, s.length(), out);
    }

    /**
     * Where a flattened log without timestamps is cut: before the markers that start report lines. Only
     * long segments are searched (a console line is rarely longer than {@link #LONG} characters).
     */
    private static final String[] MARKERS = {" ------------[ cut here ]", " WARNING: ", " BUG: ", " kernel BUG at ",
        " Oops: ", " INFO: task ", " sysrq: ", " SysRq : ", " task:", " Call Trace:", " Call trace:", " <TASK>",
        " </TASK>", " RIP: ", " Modules linked in:", " Workqueue: ", " ---[ end trace", " UBSAN: ", " Hardware name:", " Code: "};
    static final int LONG = 200;

    private static void emit(String stamp, String s, int from, int to, Out out) {
        if (to - from > LONG) {
            int cut = nextMarker(s, from + 1, to);
            while (cut > 0) {
                emitOne(stamp, s, from, cut, out);
                stamp = "";
                from = cut;
                cut = nextMarker(s, from + 1, to);
            }
        }
        emitOne(stamp, s, from, to, out);
    }

    private static int nextMarker(String s, int from, int to) {
        int best = -1;
        for (String m : MARKERS) {
            int i = s.indexOf(m, from);
            if (i >= 0 && i + m.length() <= to && (best < 0 || i < best)) {
                best = i;
            }
        }
        return best;
    }

    private static void emitOne(String stamp, String s, int from, int to, Out out) {
        String text = stripQuotes(s, from, to);
        if (!text.isEmpty() || !stamp.isEmpty()) {
            out.line(stamp, text);
        }
    }

    /** Removes prefixes that only occur at the start of a physical line. */
    static String stripLinePrefix(String s) {
        int i = 0;
        if (s.length() > 2 && s.charAt(0) == '<' && Character.isDigit(s.charAt(1)) && s.charAt(2) == '>') {
            i = 3;
        }
        int k = !s.isEmpty() && Character.isUpperCase(s.charAt(0)) ? s.indexOf(" kernel: ") : -1;
        if (k >= 0 && k < 80) {
            i = k + 9;
        } else if (!s.isEmpty() && Character.isDigit(s.charAt(0)) && s.indexOf(';') > 0) {
            var m = KMSG_HEADER.matcher(s);
            if (m.find()) {
                i = m.end();
            }
        }
        return i == 0 ? s : s.substring(i);
    }

    /** End of a timestamp starting at {@code open} (after a caller id "[T123]" and one space), or -1. */
    static int stampEnd(String s, int open) {
        int n = s.length();
        int i = open + 1;
        if (i < n && Character.isUpperCase(s.charAt(i))) {
            var m = DATE_STAMP.matcher(s).region(open, n);
            return m.lookingAt() ? skipCallerAndSpace(s, m.end()) : -1;
        }
        while (i < n && s.charAt(i) == ' ') {
            i++;
        }
        int digits = i;
        while (i < n && Character.isDigit(s.charAt(i))) {
            i++;
        }
        if (i == digits || i >= n || s.charAt(i) != '.') {
            return -1;
        }
        int frac = ++i;
        while (i < n && Character.isDigit(s.charAt(i))) {
            i++;
        }
        if (i - frac < 3 || i >= n || s.charAt(i) != ']') {
            return -1;
        }
        return skipCallerAndSpace(s, i + 1);
    }

    private static int skipCallerAndSpace(String s, int i) {
        int n = s.length();
        if (i + 2 < n && s.charAt(i) == '[') {
            int j = i + 1;
            while (j < n && s.charAt(j) == ' ') {
                j++;
            }
            if (j < n && (s.charAt(j) == 'T' || s.charAt(j) == 'C')) {
                int k = j + 1;
                while (k < n && Character.isDigit(s.charAt(k))) {
                    k++;
                }
                if (k > j + 1 && k < n && s.charAt(k) == ']') {
                    i = k + 1;
                }
            }
        }
        return i < n && s.charAt(i) == ' ' ? i + 1 : i;
    }

    private static int trimStampEnd(String s, int end) {
        return end > 0 && s.charAt(end - 1) == ' ' ? end - 1 : end;
    }

    /** Trims whitespace and mail quoting ("> > ", ">> " at the start, " > >" at the end). */
    static String stripQuotes(String s, int from, int to) {
        while (from < to && (s.charAt(from) == '>' || Character.isWhitespace(s.charAt(from)))) {
            from++;
        }
        while (true) {
            while (to > from && Character.isWhitespace(s.charAt(to - 1))) {
                to--;
            }
            int q = to;
            while (q > from && s.charAt(q - 1) == '>') {
                q--;
            }
            if (q < to && (q == from || Character.isWhitespace(s.charAt(q - 1)))) {
                to = q;
            } else {
                break;
            }
        }
        return from == 0 && to == s.length() ? s : s.substring(from, to);
    }
}
