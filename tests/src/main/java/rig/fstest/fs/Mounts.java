package rig.fstest.fs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The mount table as this process sees it (/proc/self/mountinfo). */
public final class Mounts {

    /** One mount: where, what, which filesystem type. */
    public record Entry(Path mountPoint, String source, String fstype) {
    }

    private Mounts() {
    }

    public static List<Entry> all() {
        try {
            return parse(Files.readAllLines(Path.of("/proc/self/mountinfo")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/self/mountinfo", e);
        }
    }

    /** The mount on exactly {@code mountPoint}, the last one when mounts are stacked. */
    public static Optional<Entry> at(Path mountPoint) {
        Path want = mountPoint.toAbsolutePath().normalize();
        Entry found = null;
        for (Entry e : all()) {
            if (e.mountPoint().equals(want)) {
                found = e;
            }
        }
        return Optional.ofNullable(found);
    }

    /** Mounts whose source is {@code device}. */
    public static List<Entry> of(String device) {
        return all().stream().filter(e -> e.source().equals(device)).toList();
    }

    static List<Entry> parse(List<String> lines) {
        List<Entry> entries = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split(" ");
            int dash = List.of(f).indexOf("-");
            if (f.length < 5 || dash < 0 || dash + 2 >= f.length) {
                continue;
            }
            entries.add(new Entry(Path.of(unescape(f[4])), unescape(f[dash + 2]), f[dash + 1]));
        }
        return entries;
    }

    /** mountinfo escapes space, tab, newline and backslash as \ooo octal. */
    static String unescape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 4 <= s.length() && s.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                sb.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
