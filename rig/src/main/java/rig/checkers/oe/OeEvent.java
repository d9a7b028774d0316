package rig.checkers.oe;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One btrfs ordered-extent trace event as tracefs prints it (trace or trace_pipe), e.g.
 * <pre>
 *  dd-6097 [000] ..... 352.742124: btrfs_ordered_extent_add: 34b61c19-...: root=5(FS_TREE) ino=257
 *      file_offset=0 start=13631488 len=1048576 disk_len=1048576 truncated_len=... bytes_left=1048576
 *      flags=REGULAR compress_type=0 refs=1
 *  kworker/u8:1-32 [000] ..... 352.751308: btrfs_finish_ordered_extent: 34b61c19-...: root=5(FS_TREE)
 *      ino=257 start=0 len=1048576 uptodate=1
 * </pre>
 * For btrfs_finish_ordered_extent "start" is the file offset and there are no flags;
 * {@link #fileOffset()} and {@link #ioError()} hide the difference.
 */
public record OeEvent(String task, int pid, double timestamp, String event, String fsid, long root,
                      long ino, long fileOffset, long len, long bytesLeft, java.util.List<String> flags,
                      Boolean uptodate, String raw) {

    public static final String ADD = "btrfs_ordered_extent_add", MARK_FINISHED = "btrfs_ordered_extent_mark_finished",
            REMOVE = "btrfs_ordered_extent_remove", SPLIT = "btrfs_ordered_extent_split",
            START = "btrfs_ordered_extent_start", FINISH = "btrfs_finish_ordered_extent";

    /** The events the ledger enables, in the order it reports which are missing. */
    public static final java.util.List<String> EVENTS = java.util.List.of(ADD, MARK_FINISHED, REMOVE, SPLIT, START, FINISH);

    private static final Pattern LINE = Pattern.compile(
            "^\\s*(.+)-(\\d+)\\s+(?:\\(\\s*[-\\d]+\\)\\s+)?\\[(\\d+)\\]\\s+(?:\\S+\\s+)?(\\d+\\.\\d+):\\s+(\\w+):\\s+"
                    + "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}):\\s+(.*)$");
    private static final Pattern FIELD = Pattern.compile("(\\w+)=(\\S+)");

    /** Parses one line; empty for comments, other events and lines this parser does not know. */
    public static Optional<OeEvent> parse(String line) {
        Matcher m = LINE.matcher(line);
        if (!m.matches() || !EVENTS.contains(m.group(5))) {
            return Optional.empty();
        }
        Map<String, String> f = new HashMap<>();
        Matcher fm = FIELD.matcher(m.group(7));
        while (fm.find()) {
            f.put(fm.group(1), fm.group(2));
        }
        String event = m.group(5);
        boolean finish = event.equals(FINISH);
        try {
            long off = num(f.get(finish ? "start" : "file_offset"));
            String flags = f.getOrDefault("flags", "");
            return Optional.of(new OeEvent(m.group(1).strip(), Integer.parseInt(m.group(2)),
                    Double.parseDouble(m.group(4)), event, m.group(6), num(f.get("root")), num(f.get("ino")),
                    off, num(f.get("len")), finish ? -1 : num(f.get("bytes_left")),
                    flags.isEmpty() ? java.util.List.of() : java.util.List.of(flags.split("\\|")),
                    finish ? "1".equals(f.get("uptodate")) : null, line.strip()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Leading digits of "5(FS_TREE)" or "1048576"; unsigned values above Long.MAX_VALUE wrap as in C. */
    private static long num(String v) {
        if (v == null) {
            throw new IllegalArgumentException("missing field");
        }
        int i = 0;
        while (i < v.length() && Character.isDigit(v.charAt(i))) {
            i++;
        }
        return Long.parseUnsignedLong(v.substring(0, i));
    }

    public long end() {
        return fileOffset + len;
    }

    /** IOERR in the flags, or uptodate=0 on btrfs_finish_ordered_extent. */
    public boolean ioError() {
        return flags.contains("IOERR") || Boolean.FALSE.equals(uptodate);
    }

    public String flagText() {
        return flags.isEmpty() ? "-" : String.join("|", flags);
    }
}
