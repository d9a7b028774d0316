package rig.triage.oops;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Walks a report along a {@link StackFormat}: each part either finds one line (whose groups are frames)
 * or parses a stack trace up to the next stack start; the frames gathered up to each parsed trace (or to
 * the end) yield one guilty frame. {@code ok} is false when a trace gave no frame or a fault-injection
 * stack was mixed in.
 */
record StackWalk(List<String> frames, boolean ok) {
    static StackWalk of(StackFormat stack, String text) {
        Pattern skipRe = StackRules.skipPattern(stack.skip());
        StackWalk w = walk(stack, stack.parts(), skipRe, text);
        return w.ok || stack.parts2().isEmpty() ? w : walk(stack, stack.parts2(), skipRe, text);
    }

    private static StackWalk walk(StackFormat stack, List<Pattern> parts, Pattern skipRe, String text) {
        String[] lines = text.split("\n", -1);
        int li = 0;
        List<String> raw = new ArrayList<>();
        List<String> results = new ArrayList<>();
        boolean ok = true;
        int traces = 0;
        nextPart:
        for (int p = 0; ; p++) {
            if (p == parts.size() || (parts.get(p) == StackFormat.TRACE && traces > 0)) {
                String key = pick(stack, raw);
                if (key == null) {
                    key = "corrupted";
                    ok = false;
                }
                results.add(key);
                raw.clear();
            }
            if (p == parts.size()) {
                break;
            }
            Pattern part = parts.get(p);
            if (part == StackFormat.TRACE) {
                traces++;
                while (li < lines.length) {
                    String ln = lines[li++];
                    if (Rx.any(StackRules.CORRUPTED_LINES, ln)) {
                        ok = false;
                        continue nextPart;
                    }
                    if (Rx.any(StackRules.STACK_STARTS, ln)) {
                        continue nextPart;
                    }
                    if (p != parts.size() - 1) {
                        Matcher m = parts.get(p + 1).matcher(ln);
                        if (m.find()) {
                            add(raw, m, skipRe);
                            p++;
                            continue nextPart;
                        }
                    }
                    for (Pattern re : StackRules.FRAMES) {
                        Matcher m = re.matcher(ln);
                        if (m.find()) {
                            add(raw, m, skipRe);
                            break;
                        }
                    }
                }
            } else {
                while (li < lines.length) {
                    String ln = lines[li++];
                    if (Rx.any(StackRules.CORRUPTED_LINES, ln)) {
                        ok = false;
                        continue nextPart;
                    }
                    Matcher m = part.matcher(ln);
                    if (m.find()) {
                        add(raw, m, skipRe);
                        break;
                    }
                }
            }
        }
        return new StackWalk(results, ok);
    }

    private static String pick(StackFormat stack, List<String> raw) {
        if (raw.isEmpty()) {
            return null;
        }
        List<String> stripped = raw.stream().map(StackRules::strip).toList();
        String f = stack.extractor().pick(stripped);
        return f == null || f.isEmpty() ? null : f;
    }

    private static void add(List<String> raw, Matcher m, Pattern skipRe) {
        for (int g = 1; g <= m.groupCount(); g++) {
            String f = m.group(g);
            if (f != null && !skipRe.matcher(f).find()) {
                raw.add(f);
            }
        }
    }
}
