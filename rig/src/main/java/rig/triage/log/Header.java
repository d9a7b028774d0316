package rig.triage.log;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first line of a kernel report, of every era: "------------[ cut here ]------------",
 * "WARNING: CPU: 2 PID: 1003 at fs/x.c:1182 func+0x691/0x730" (and the older "WARNING: at fs/x.c:12
 * func+0x1/0x2()" and newer "WARNING: fs/x.c:12 at func+0x1/0x2, CPU#1: comm/12"), "BUG: ...",
 * "kernel BUG at ...", "Oops: ...", "general protection fault", "BUG: KASAN: ...", "UBSAN: ...",
 * lockdep's "WARNING: possible circular locking dependency detected", the hung-task detector's
 * "INFO: task comm:pid blocked for more than N seconds.", sysrq-w's "sysrq: Show Blocked State", and
 * rig's blocked-task sampler report ("blocked-task sampler: threshold N s", then "task comm:tid blocked
 * N s in func" lines each followed by the task's /proc stack).
 *
 * @param type    what report starts
 * @param label   the words before "in" in the title
 * @param culprit the function the header names, or null (then RIP or frames decide)
 */
record Header(Type type, String label, String culprit) {
    enum Type { CUT_HERE, WARNING, BUG, OOPS, KASAN, UBSAN, LOCKDEP, HUNG_TASK, SYSRQ_BLOCKED }

    private static final Pattern WARNING_AT = Pattern.compile("^WARNING: (?:CPU: \\d+ PID: \\d+ )?at (\\S+)(?: (\\S+))?");
    private static final Pattern WARNING_NEW = Pattern.compile("^WARNING: \\S+:\\d+ at ([\\w.$]+)");
    private static final Pattern KASAN = Pattern.compile("^BUG: (KASAN|KFENCE): ([\\w-]+)(?: in ([\\w.$]+))?");
    private static final Pattern UBSAN = Pattern.compile("^UBSAN: ([\\w-]+)");
    private static final Pattern HUNG = Pattern.compile("^INFO: task (.+):\\d+ blocked for more");

    /** Recognises a header, or returns null. Cheap for lines that are not headers. */
    static Header recognise(String t) {
        if (t.isEmpty()) {
            return null;
        }
        switch (t.charAt(0)) {
            case '-':
                return t.startsWith("------------[ cut here ]") ? new Header(Type.CUT_HERE, "WARNING", null) : null;
            case 'W':
                return t.startsWith("WARNING: ") ? warning(t) : null;
            case 'w':
                return t.startsWith("watchdog: BUG: ") ? bug(t.substring("watchdog: ".length())) : null;
            case 'B':
                if (t.startsWith("BUG: KASAN: ") || t.startsWith("BUG: KFENCE: ")) {
                    Matcher m = KASAN.matcher(t);
                    return m.find() ? new Header(Type.KASAN, m.group(1) + ": " + m.group(2), fn(m.group(3))) : null;
                }
                return t.startsWith("BUG: ") ? bug(t) : null;
            case 'k':
                return t.startsWith("kernel BUG at ") ? new Header(Type.BUG, "kernel BUG", null) : null;
            case 'O':
                return t.startsWith("Oops: ") ? new Header(Type.OOPS, "Oops", null) : null;
            case 'g':
                return t.startsWith("general protection fault") ? new Header(Type.OOPS, "general protection fault", null) : null;
            case 'I':
                if (t.startsWith("Internal error: Oops")) {
                    return new Header(Type.OOPS, "Oops", null);
                }
                if (t.startsWith("INFO: task ")) {
                    return HUNG.matcher(t).find() ? new Header(Type.HUNG_TASK, "hung task", null) : null;
                }
                return null;
            case 'U':
                if (t.startsWith("UBSAN: ")) {
                    Matcher m = UBSAN.matcher(t);
                    return m.find() ? new Header(Type.UBSAN, "UBSAN: " + m.group(1), null) : null;
                }
                return t.startsWith("Unable to handle kernel ") ? new Header(Type.OOPS, "BUG: " + words(t.substring(10)), null) : null;
            case 'b':
                // rig.checkers.blocked's .blocked report: tasks like a sysrq-w dump
                return t.startsWith("blocked-task sampler:") ? new Header(Type.SYSRQ_BLOCKED, "hung task", null) : null;
            case 's':
            case 'S':
                return (t.startsWith("sysrq: Show Blocked State") || t.startsWith("SysRq : Show Blocked State")
                        || t.startsWith("sysrq: SysRq : Show Blocked State"))
                        ? new Header(Type.SYSRQ_BLOCKED, "hung task", null) : null;
            case '[':
                return t.startsWith("[ INFO: possible ") || t.startsWith("[ INFO: inconsistent lock")
                        ? new Header(Type.LOCKDEP, "lockdep: " + words(t.substring(8)), null) : null;
            default:
                return null;
        }
    }

    private static Header warning(String t) {
        Matcher m = WARNING_AT.matcher(t);
        if (m.find()) {
            return new Header(Type.WARNING, "WARNING", m.group(2) != null && m.group(2).contains("+0x") ? fn(m.group(2)) : null);
        }
        m = WARNING_NEW.matcher(t);
        if (m.find()) {
            return new Header(Type.WARNING, "WARNING", fn(m.group(1)));
        }
        if (t.startsWith("WARNING: CPU: ")) {
            return new Header(Type.WARNING, "WARNING", null);
        }
        // "WARNING: possible circular locking dependency detected", "WARNING: suspicious RCU usage"
        return new Header(Type.LOCKDEP, "lockdep: " + words(t.substring("WARNING: ".length())), null);
    }

    private static Header bug(String t) {
        return new Header(Type.BUG, "BUG: " + words(t.substring("BUG: ".length())), null);
    }

    /** A header's words without their variable part: cut at ",", ":", " at ", " for ", " - ", "!". */
    static String words(String s) {
        int end = s.length();
        for (String stop : new String[] {",", ":", " at ", " for ", " - ", "!", " (", " ]", "[", " detected"}) {
            int i = s.indexOf(stop);
            if (i > 0 && i < end) {
                end = i;
            }
        }
        return s.substring(0, end).replaceAll("\\d+", "N").strip();
    }

    private static String fn(String frame) {
        if (frame == null) {
            return null;
        }
        int plus = frame.indexOf('+');
        String name = plus > 0 ? frame.substring(0, plus) : frame.replace("()", "");
        return name.startsWith("0x") || name.isEmpty() ? null : Frames.normalise(name);
    }
}
