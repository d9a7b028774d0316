package rig.triage.oops;

import java.util.List;

/**
 * One kernel report read from a log, titled by syzkaller's rules.
 *
 * @param title     e.g. "WARNING in iomap_write_delalloc_release", "INFO: task hung in btrfs_start_ordered_extent"
 * @param type      syzkaller's crash type of the title ("WARNING", "HANG", "KASAN-USE-AFTER-FREE-READ", ...),
 *                  "UNKNOWN" when its table has none
 * @param culprit   the function after the title's last " in ", or null when the title names none
 * @param corrupted why the report is truncated or mixed with another, or null
 * @param lines     the report's lines as read, the first being the header
 */
public record OopsReport(String title, String type, String culprit, String corrupted, List<Line> lines) {

    /** A line of the report: its timestamp (with the caller id, or "") and its text. */
    public record Line(String stamp, String text) {
    }

    /** What a title names after its last " in " (a function, or "caller/callee"), or null. */
    public static String culpritOf(String title) {
        int i = title.lastIndexOf(" in ");
        return i < 0 || i + 4 == title.length() ? null : title.substring(i + 4);
    }
}
