package rig.checkers.kmsg;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Under {@code ./check -j N} a test's kernel-log window also holds what the other lanes' tests
 * made the kernel say. A record is another lane's when it is another test's marker, or when it
 * names block devices ("BTRFS info (device loop5)", "I/O error, dev loop7") none of which is the
 * test's. A record that names no device (a WARNING, a hung-task report) cannot be placed and
 * stays in every window it falls in, as in fstests' check-parallel: nothing is missed.
 */
final class SharedHostFilter {
    private static final Pattern DEVICE = Pattern.compile("\\b(loop\\d+|dm-\\d+|nbd\\d+|zram\\d+)\\b");

    private SharedHostFilter() {
    }

    /** The records of {@code window} that may be the test's, whose devices are {@code ours}. */
    static List<KmsgRecord> ours(List<KmsgRecord> window, Set<String> ours) {
        return window.stream().filter(r -> !foreign(r.message(), ours)).toList();
    }

    static boolean foreign(String message, Set<String> ours) {
        if (message.startsWith("rig: start ") || message.startsWith("rig: end ")) {
            return true;
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
