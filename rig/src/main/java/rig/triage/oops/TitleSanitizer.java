package rig.triage.oops;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Makes a title stable across runs, as syzkaller does: executor names, addresses, IP addresses, line
 * numbers, offsets, CPU and other numbers replaced; control characters dropped, spaces squeezed, at
 * most 120 characters.
 */
final class TitleSanitizer {
    private record Replacement(Pattern match, String with) {
    }

    private static final List<Replacement> DYNAMIC = List.of(
            new Replacement(Pattern.compile("syz-executor\\.?[0-9]+((/|:)[0-9]+)?"), "syz-executor"),
            new Replacement(Pattern.compile("syzkaller[0-9]+((/|:)[0-9]+)?"), "syzkaller"),
            new Replacement(Pattern.compile("([^a-zA-Z0-9])(?:0x)?[0-9a-f]{6,}"), "$1ADDR"),
            new Replacement(Pattern.compile("([0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3})"), "IP"),
            new Replacement(Pattern.compile("(\\.\\w+)(:[0-9]+)+"), "$1:LINE"),
            new Replacement(Pattern.compile("([a-zA-Z][a-zA-Z0-9_.]+)\\+0x[0-9a-z]+/0x[0-9a-z]+"), "$1"),
            new Replacement(Pattern.compile("CPU#[0-9]+"), "CPU"),
            new Replacement(Pattern.compile("(\\W)(\\d+)(\\W|$)"), "$1NUM$3"),
            new Replacement(Pattern.compile("(\\d+){7,}"), "NUM"));
    private static final int MAX = 120;

    private TitleSanitizer() {
    }

    static String sanitize(String title) {
        String t = title;
        for (Replacement r : DYNAMIC) {
            while (true) {
                String next = r.match.matcher(t).replaceAll(r.with);
                if (next.equals(t)) {
                    break;
                }
                t = next;
            }
        }
        StringBuilder sb = new StringBuilder(Math.min(t.length(), MAX));
        char prev = ' ';
        for (int i = 0; i < t.length() && i < MAX; i++) {
            char c = t.charAt(i);
            if (c == '\t') {
                c = ' ';
            } else if (c < 0x20 || c >= 0x7f) {
                continue;
            }
            if (c == ' ' && prev == ' ') {
                continue;
            }
            sb.append(c);
            prev = c;
        }
        return sb.toString().strip();
    }
}
