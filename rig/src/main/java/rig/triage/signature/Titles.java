package rig.triage.signature;

import java.util.regex.Pattern;
import rig.triage.Kind;
import rig.triage.log.Finding;

/**
 * Signature titles: "{label} in {culprit}", or "{label} in {test}" for failures only the test can name
 * (output mismatch, zero-filled gap, fsck). Normalised so that the same failure across runs, hosts and
 * kernels gets the same title: no addresses, offsets, pids or timestamps.
 */
public final class Titles {
    private static final Pattern STAMP = Pattern.compile("\\[\\s*\\d+\\.\\d+\\]");
    private static final Pattern OFFSET = Pattern.compile("\\+0x[0-9a-fA-F]+(/0x[0-9a-fA-F]+)?");
    private static final Pattern HEX = Pattern.compile("\\b0x[0-9a-fA-F]+\\b|\\b[0-9a-f]{12,16}\\b");
    private static final Pattern PID = Pattern.compile("\\b(pid|PID)[:= ]\\s*\\d+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private Titles() {
    }

    public static String of(Finding f, String test) {
        if (f.culprit() != null) {
            return normalise(f.label() + " in " + f.culprit());
        }
        String label = isKernelReport(f) ? f.label() + " (no stack)" : f.label();
        return normalise(test == null ? label : label + " in " + test);
    }

    /** The culprit to show: the function, or the test for test-level failures; null for a report without stack. */
    public static String culprit(Finding f, String test) {
        return f.culprit() != null || isKernelReport(f) ? f.culprit() : test;
    }

    /** A report with a stack (a hang seen in stacks, not in the ordered-extent ledger), so a missing culprit is news. */
    static boolean isKernelReport(Finding f) {
        if (f.isReport()) {
            return false; // titled by syzkaller's rules: complete as it is
        }
        return switch (f.kind()) {
            case HUNG_TASK, WARNING, BUG, KASAN, UBSAN, LOCKDEP -> true;
            case HUNG_ORDERED_EXTENT -> "INFO: task hung".equals(f.label());
            default -> false;
        };
    }

    public static String normalise(String title) {
        String t = STAMP.matcher(title).replaceAll("");
        t = OFFSET.matcher(t).replaceAll("");
        t = HEX.matcher(t).replaceAll("");
        t = PID.matcher(t).replaceAll("");
        return SPACES.matcher(t).replaceAll(" ").strip();
    }
}
