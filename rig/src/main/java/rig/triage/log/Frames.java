package rig.triage.log;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stack frame syntax of every era: "func+0x1a/0x30 [mod]" (with "? " for unreliable frames), old
 * x86 "[<ffffffff81234567>] ? func+0x1a/0x30", powerpc "[c0..] [c0..] .func+0x1a/0x30 (unreliable)",
 * arm64 "func+0x1a/0x30", decoded "func (fs/btrfs/inode.c:1234)". A line may hold several frames
 * (flattened logs); all are returned in order.
 */
public final class Frames {
    private static final Pattern FRAME = Pattern.compile(
            "(\\?\\s+)?\\.?([A-Za-z_$][\\w$.]*)\\+0x[0-9a-fA-F]+/0x[0-9a-fA-F]+"
                    + "(?:\\s+\\[([\\w-]+)(?:\\s+[0-9a-f]+)?\\])?(\\s+\\(unreliable\\))?");
    private static final Pattern DECODED = Pattern.compile(
            "(?:^|\\s)(\\?\\s+)?([A-Za-z_][\\w.]*) \\(([\\w/.-]+\\.[chS]):\\d+(?::\\d+)?\\)(?:\\s+([a-z0-9_]+)\\b)?");
    private static final Pattern RIP = Pattern.compile(
            "^(?:RIP|EIP|NIP|pc)\\s*:?\\s*(?:[0-9a-f]{4}:)?(?:\\[<?[0-9a-f]+>?\\]\\s*)*\\s*\\.?([A-Za-z_$][\\w$.]*)\\+0x");

    private Frames() {
    }

    /** Appends the frames found in {@code text}; returns true if any was found. */
    public static boolean parse(String text, List<Frame> out) {
        boolean found = false;
        if (text.contains("+0x")) {
            Matcher m = FRAME.matcher(text);
            while (m.find()) {
                boolean reliable = m.group(1) == null && m.group(4) == null;
                out.add(new Frame(normalise(m.group(2)), m.group(3), reliable, m.group().trim()));
                found = true;
            }
        } else if (text.indexOf(" (") > 0 && (text.contains(".c:") || text.contains(".h:"))) {
            Matcher m = DECODED.matcher(text);
            while (m.find()) {
                out.add(new Frame(normalise(m.group(2)), m.group(4), m.group(1) == null, m.group().trim()));
                found = true;
            }
        }
        return found;
    }

    /** The function of a "RIP: 0010:func+0x.." / "pc : func+0x.." line, or null. */
    public static String rip(String text) {
        char c = text.isEmpty() ? ' ' : text.charAt(0);
        if (c != 'R' && c != 'E' && c != 'N' && c != 'p') {
            return null;
        }
        Matcher m = RIP.matcher(text);
        return m.find() ? normalise(m.group(1)) : null;
    }

    /** Drops compiler suffixes: "btrfs_foo.isra.0" -> "btrfs_foo", ".btrfs_foo" (ppc64) -> "btrfs_foo". */
    public static String normalise(String fn) {
        int start = fn.startsWith(".") ? 1 : 0;
        int dot = fn.indexOf('.', start);
        return dot < 0 ? fn.substring(start) : fn.substring(start, dot);
    }
}
