package rig.triage.log;

import java.util.List;
import rig.triage.Kind;

/**
 * One occurrence of a failure in one input, before deduplication.
 *
 * @param kind     what kind of failure
 * @param label    the title's words before " in " ("INFO: task hung", "WARNING", "KASAN: use-after-free Read"),
 *                 the whole title when it names no function
 * @param culprit  the function that explains it; null when only the test can name it (rig reports,
 *                 output mismatch), then the aggregator uses the test
 * @param evidence the few lines that matter, in log order
 * @param summary  true for a one-line summary of a test's result (the runner's failure message in
 *                 result.xml); the test's own files, when they explain the same failure, supersede it
 * @param type     syzkaller's crash type for a kernel report titled by its rules ("WARNING", "HANG", ...),
 *                 null for everything else (one-line messages, rig's own reports)
 */
public record Finding(Kind kind, String label, String culprit, List<String> evidence, boolean summary, String type) {
    public Finding(Kind kind, String label, String culprit, List<String> evidence) {
        this(kind, label, culprit, evidence, false, null);
    }

    public Finding(Kind kind, String label, String culprit, List<String> evidence, boolean summary) {
        this(kind, label, culprit, evidence, summary, null);
    }

    /** A kernel report titled by syzkaller's rules: the label is the title without " in " and its culprit. */
    public static Finding report(Kind kind, String title, String type, String culprit, List<String> evidence) {
        String suffix = " in " + culprit;
        String label = culprit != null && title.endsWith(suffix) ? title.substring(0, title.length() - suffix.length()) : title;
        return new Finding(kind, label, culprit != null && title.endsWith(suffix) ? culprit : null, evidence, false, type);
    }

    /** Whether this is a kernel report (with or without stack), which outranks one-line messages in the same log. */
    public boolean isReport() {
        return type != null;
    }
}
