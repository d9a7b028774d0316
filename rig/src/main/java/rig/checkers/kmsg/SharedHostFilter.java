package rig.checkers.kmsg;

import java.util.List;
import java.util.Set;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Under {@code ./check -j N} a test's kernel-log window also holds what the other lanes' tests
 * made the kernel say. A record is another lane's when it is another test's marker, when it
 * names block devices ("BTRFS info (device loop5)", "I/O error, dev loop7") none of which is the
 * test's, or when it is a WARNING raised by a task of another lane ("WARNING: CPU: 2 PID: 1003
 * at ...": that task's process belongs to another lane's worker). A record that cannot be placed
 * (a kworker's WARNING, a hung-task report) stays in every window it falls in, as in fstests'
 * check-parallel: nothing is missed.
 */
final class SharedHostFilter {
    private static final Pattern DEVICE = Pattern.compile("\\b(loop\\d+|dm-\\d+|nbd\\d+|zram\\d+)\\b");
    private static final Pattern WARNING_TASK = Pattern.compile("^WARNING: CPU: \\d+ PID: (\\d+) at ");

    private SharedHostFilter() {
    }

    /**
     * The records of {@code window} that may be the test's, whose devices are {@code ours};
     * {@code otherLanesTask} tells whether a task id (the kernel's PID) is another lane's.
     */
    static List<KmsgRecord> ours(List<KmsgRecord> window, Set<String> ours, LongPredicate otherLanesTask) {
        return window.stream().filter(r -> !foreign(r.message(), ours, otherLanesTask)).toList();
    }

    static boolean foreign(String message, Set<String> ours, LongPredicate otherLanesTask) {
        if (message.startsWith("rig: start ") || message.startsWith("rig: end ")) {
            return true;
        }
        Matcher w = WARNING_TASK.matcher(message);
        if (w.find()) {
            return otherLanesTask.test(Long.parseLong(w.group(1)));
        }
        Matcher m = DEVICE.matcher(message);
        boolean named = false;
        while (m.find()) {
            named = true;
            if (ours.contains(m.group(1))) {
                return false;
            }
        }
        return named;
    }
}
