package rig.checkers.kmsg;

import java.util.Locale;
import java.util.Optional;

/**
 * One /dev/kmsg record: "PRI,SEQ,TS_USEC,FLAGS[,...];MESSAGE" followed by optional " KEY=VALUE"
 * dictionary lines. The message keeps kmsg's \xNN escapes of non-printable bytes.
 */
public record KmsgRecord(int facility, int level, long seq, long usec, String message) {

    public static Optional<KmsgRecord> parse(String record) {
        int semi = record.indexOf(';');
        if (semi < 0) {
            return Optional.empty();
        }
        String[] head = record.substring(0, semi).split(",");
        if (head.length < 3) {
            return Optional.empty();
        }
        try {
            int pri = Integer.parseInt(head[0]);
            String body = record.substring(semi + 1);
            int nl = body.indexOf('\n');
            String msg = nl < 0 ? body : body.substring(0, nl);
            return Optional.of(new KmsgRecord(pri >> 3, pri & 7, Long.parseLong(head[1]), Long.parseLong(head[2]), msg));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** dmesg's format: "[  393.878335] BTRFS warning ...". */
    public String dmesgLine() {
        return String.format(Locale.ROOT, "[%5d.%06d] %s", usec / 1_000_000, usec % 1_000_000, message);
    }
}
