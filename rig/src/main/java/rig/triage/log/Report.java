package rig.triage.log;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A dump of blocked tasks being read: its header line and one stack per task. */
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
    private static final Pattern TASK_NEW = Pattern.compile("^task:\\s*\\S.*?\\s+state:\\s*\\S");
    /** rig.checkers.blocked.BlockedTask#line(): "task kworker/u8:2:123 blocked 130 s in btrfs_start_ordered_extent". */
    private static final Pattern RIG_BLOCKED = Pattern.compile("^task \\S.*:\\d+ blocked \\d+ s in ");
    private static final Pattern TASK_NEW_END = Pattern.compile("\\sflags:0x[0-9a-f]+");
    private static final Pattern TASK_OLD = Pattern.compile(
            "^\\S.{0,15}?\\s+[DRSTtXZPIWK]\\s+(?:[0-9a-f]{8,16}\\s+)?\\d+\\s+\\d+\\s+\\d+\\s+0x[0-9a-f]+");
    /** Lines of a dump that are neither a task line nor a frame. */
    private static final String[] INTERNAL = {"Call Trace", "Call trace", "<TASK>", "</TASK>", "<IRQ>", "</IRQ>",
        "<NMI>", "</NMI>", "Workqueue:", "RSP:", "RAX:", "RBX:", "RDX:", "RBP:", "R08:", "R10:", "R13:",
        "\"echo 0", "task ", "ORIG_RAX", "Showing all locks", "=====", "Sched Debug", "runnable tasks"};

    final Header header;
    final List<String> headerLines = new ArrayList<>(1);
    final List<Task> tasks = new ArrayList<>();

    Report(Header header, String stamp, String text) {
        this.header = header;
        headerLines.add(Evidence.line(stamp, text));
    }

    /** Adds a line; true if it belongs to the report (frame, RIP, task line, register dump, ...). */
    boolean add(String stamp, String text) {
        if (isTaskLine(text)) {
            text = trimTaskLine(text);
            if (tasks.size() < MAX_TASKS) {
                tasks.add(new Task(Evidence.line(stamp, text)));
            }
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
        for (String p : INTERNAL) {
            if (text.startsWith(p)) {
                return true;
            }
        }
        return false;
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
