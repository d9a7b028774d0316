package rig.triage.log;

/**
 * The first line of a dump of blocked tasks, which syzkaller's rules do not read: sysrq-w's
 * "sysrq: Show Blocked State" (every era's wording) and rig's blocked-task sampler report
 * ("blocked-task sampler: threshold N s", then "task comm:tid blocked N s in func" lines each followed by
 * the task's /proc stack). Every other report is read by {@link rig.triage.oops.ReportCollector}.
 */
record Header(String label) {
    /** Recognises a dump header, or returns null. Cheap for lines that are not headers. */
    static Header recognise(String t) {
        if (t.isEmpty()) {
            return null;
        }
        return switch (t.charAt(0)) {
            case 'b' -> t.startsWith("blocked-task sampler:") ? new Header("INFO: task hung") : null;
            case 's', 'S' -> t.startsWith("sysrq: Show Blocked State") || t.startsWith("SysRq : Show Blocked State")
                    || t.startsWith("sysrq: SysRq : Show Blocked State") ? new Header("INFO: task hung") : null;
            default -> null;
        };
    }
}
