package rig.triage.log;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A kernel report being read: header lines, RIP, and one stack per task (sysrq-w dumps have many). */
final class Report {
    static final class Task {
        final String line;
        /** rig's sampler saw the task wake up again: a stall, not a hang. */
        final boolean wokeUp;
        final List<Frame> frames = new ArrayList<>();
        final List<String> stamps = new ArrayList<>();

        Task(String line) {
            this.line = line;
            this.wokeUp = line != null && line.contains(" (then woke up)");
        }

        String frameLine(int i) {
            return Evidence.line(stamps.get(i), frames.get(i).text());
        }
    }

    private static final int MAX_TASKS = 256;
    private static final int MAX_FRAMES = 128;
    private static final int MAX_HEADERS = 2;
    private static final Pattern TASK_NEW = Pattern.compile("^task:\\s*\\S.*?\\s+state:\\s*\\S");
    /** rig.checkers.blocked.BlockedTask#line(): "task kworker/u8:2:123 blocked 130 s in btrfs_start_ordered_extent". */
    private static final Pattern RIG_BLOCKED = Pattern.compile("^task \\S.*:\\d+ blocked \\d+ s in ");
    private static final Pattern TASK_NEW_END = Pattern.compile("\\sflags:0x[0-9a-f]+");
    private static final Pattern TASK_OLD = Pattern.compile(
            "^\\S.{0,15}?\\s+[DRSTtXZPIWK]\\s+(?:[0-9a-f]{8,16}\\s+)?\\d+\\s+\\d+\\s+\\d+\\s+0x[0-9a-f]+");
    private static final String[] INTERNAL = {"Call Trace", "Call trace", "<TASK>", "<IRQ>", "</IRQ>", "<NMI>",
        "</NMI>", "Workqueue:", "Modules linked in", "CPU: ", "Hardware name", "RSP:", "RAX:", "RBX:", "RDX:",
        "RBP:", "R08:", "R10:", "R13:", "FS:", "CS:", "CR2:", "DR0:", "DR3:", "Code:", "Tainted:", "Not tainted",
        "\"echo 0", "stack backtrace:", "#PF:", "PGD ", "Oops:", "irq event stamp", "hardirqs last", "softirqs last",
        "-> #", "other info", "Possible unsafe", "lock(", "*** DEADLOCK", "Showing all locks", "task ", "ORIG_RAX",
        "lr :", "sp :", "x29:", "pstate:", "---[ end Kernel panic", "Kernel panic", "Read of size", "Write of size",
        "The buggy address", "Memory state", "Allocated by task", "Freed by task", "page:", "flags:", "raw:",
        "index:", "shift exponent", "load of value", "signed integer overflow", "index ", "=====", "<TASK>"};

    final Header header;
    final List<String> headerLines = new ArrayList<>(MAX_HEADERS);
    final List<Task> tasks = new ArrayList<>();
    String rip;
    String ripLine;
    boolean ended;
    private int stackBacktraceFrom = -1;

    Report(Header header, String stamp, String text) {
        this.header = header;
        headerLines.add(Evidence.line(stamp, text));
        if (header.type() != Header.Type.SYSRQ_BLOCKED) {
            tasks.add(new Task(null));
        }
    }

    /** Whether a new header continues this report instead of starting one ("cut here" then WARNING, BUG then Oops). */
    boolean absorbs(Header next) {
        boolean noFrames = tasks.isEmpty() || tasks.get(0).frames.isEmpty();
        return switch (header.type()) {
            case CUT_HERE -> next.type() != Header.Type.CUT_HERE;
            case BUG -> noFrames && next.type() == Header.Type.OOPS;
            case OOPS -> noFrames && next.type() == Header.Type.OOPS;
            default -> false;
        };
    }

    /** A report that absorbed a header takes its type and label (but keeps the first line). */
    Report absorb(Header next, String stamp, String text) {
        if (header.type() == Header.Type.CUT_HERE) {
            Report r = new Report(next, stamp, text);
            r.headerLines.add(0, headerLines.get(0));
            return r;
        }
        if (headerLines.size() < MAX_HEADERS) {
            headerLines.add(Evidence.line(stamp, text));
        }
        return this;
    }

    /** Adds a line; true if it belongs to the report (frame, RIP, task line, register dump, ...). */
    boolean add(String stamp, String text) {
        if (text.startsWith("---[ end trace")) {
            ended = true;
            return true;
        }
        String r = Frames.rip(text);
        if (r != null) {
            if (rip == null) {
                rip = r;
                ripLine = Evidence.line(stamp, text);
            }
            return true;
        }
        if (isTaskLine(text)) {
            text = trimTaskLine(text);
            if (header.type() == Header.Type.SYSRQ_BLOCKED || !current().frames.isEmpty()) {
                if (tasks.size() < MAX_TASKS) {
                    tasks.add(new Task(Evidence.line(stamp, text)));
                }
            } else {
                tasks.set(tasks.size() - 1, new Task(Evidence.line(stamp, text)));
            }
            return true;
        }
        if (text.startsWith("stack backtrace:")) {
            stackBacktraceFrom = tasks.isEmpty() ? -1 : current().frames.size();
            return true;
        }
        Task t = tasks.isEmpty() ? null : current();
        if (t != null && text.indexOf('+') > 0 || text.indexOf(".c:") > 0) {
            List<Frame> found = new ArrayList<>(2);
            if (Frames.parse(text, found)) {
                if (t != null) {
                    for (Frame f : found) {
                        if (t.frames.size() < MAX_FRAMES) {
                            t.frames.add(f);
                            t.stamps.add(stamp);
                        }
                    }
                }
                return true;
            }
        }
        if (text.startsWith("</TASK>")) {
            if (header.type() == Header.Type.HUNG_TASK) {
                ended = true;
            }
            return true;
        }
        for (String p : INTERNAL) {
            if (text.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** Frames that explain a lockdep report: those after "stack backtrace:" when present. */
    List<Frame> lockdepFrames() {
        List<Frame> all = tasks.get(0).frames;
        return stackBacktraceFrom >= 0 && stackBacktraceFrom < all.size() ? all.subList(stackBacktraceFrom, all.size()) : all;
    }

    private Task current() {
        return tasks.get(tasks.size() - 1);
    }

    /** A flattened log may continue a task line with prose: cut after the flags field. */
    private static String trimTaskLine(String text) {
        Matcher m = TASK_NEW_END.matcher(text);
        return m.find() ? text.substring(0, m.end()) : text;
    }

    static boolean isTaskLine(String text) {
        if (text.startsWith("task:")) {
            return TASK_NEW.matcher(text).find();
        }
        if (text.startsWith("task ") && RIG_BLOCKED.matcher(text).find()) {
            return true;
        }
        if (text.indexOf(" 0x") < 0) {
            return false;
        }
        Matcher m = TASK_OLD.matcher(text);
        return m.find();
    }
}
