package rig.triage.log;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import rig.triage.Kind;
import rig.triage.ShippedTables;

/**
 * Failures that are one line without a stack, mapped to the function that prints them: the table
 * {@code rig/triage/messages.tsv} (kernel messages, fsck wording, and the rig checkers' report lines).
 */
public final class MessageRules {
    record Rule(Kind kind, String needle, String function, String label, Pattern regex) {
    }

    private final List<Rule> rules;
    /** Rule indexes by the first character of their needle: one pass over a line finds every needle. */
    private final int[][] byFirstChar = new int[128][];

    private MessageRules(List<Rule> rules) {
        if (rules.size() > 64) {
            throw new IllegalArgumentException("messages.tsv: at most 64 rows are supported, found " + rules.size());
        }
        this.rules = rules;
        for (int i = 0; i < rules.size(); i++) {
            char c = rules.get(i).needle.charAt(0);
            if (c >= 128) {
                throw new IllegalArgumentException("messages.tsv: a needle must start with an ASCII character: " + rules.get(i).needle);
            }
            int[] old = byFirstChar[c] == null ? new int[0] : byFirstChar[c];
            int[] grown = java.util.Arrays.copyOf(old, old.length + 1);
            grown[old.length] = i;
            byFirstChar[c] = grown;
        }
    }

    /** Bit i set when rule i's needle occurs in {@code text}. */
    private long needlesIn(String text) {
        long found = 0;
        int n = text.length();
        for (int p = 0; p < n; p++) {
            char c = text.charAt(p);
            int[] candidates = c < 128 ? byFirstChar[c] : null;
            if (candidates != null) {
                for (int i : candidates) {
                    if (text.startsWith(rules.get(i).needle, p)) {
                        found |= 1L << i;
                    }
                }
            }
        }
        return found;
    }

    private static final class Holder {
        static final MessageRules DEFAULT = load();
    }

    public static MessageRules defaults() {
        return Holder.DEFAULT;
    }

    /** The finding for one logical line, or null when no row matches. */
    public Finding match(String stamp, String text) {
        long found = needlesIn(text);
        for (int i = 0; found != 0 && i < rules.size(); i++) {
            if ((found & (1L << i)) == 0) {
                continue;
            }
            found &= ~(1L << i);
            Rule r = rules.get(i);
            String fn = r.function;
            if (r.regex != null) {
                Matcher m = r.regex.matcher(text);
                if (!m.find()) {
                    continue;
                }
                if ("$fn".equals(fn)) {
                    fn = m.group("fn") == null ? null : Frames.normalise(m.group("fn"));
                }
            }
            return new Finding(r.kind, r.label, "-".equals(fn) ? null : fn, List.of(Evidence.line(stamp, text)));
        }
        return null;
    }

    static MessageRules load() {
        return parse(ShippedTables.lines("/rig/triage/messages.tsv"));
    }

    static MessageRules parse(List<String> lines) {
        List<Rule> rules = new ArrayList<>();
        for (ShippedTables.Row r : ShippedTables.rows(lines)) {
            int n = r.line();
            String[] c = r.columns();
            if (c.length < 4) {
                throw new IllegalArgumentException("messages.tsv line " + n + ": expected kind, needle, function, label"
                        + " [, regex] separated by tabs: " + lines.get(n - 1));
            }
            String regex = c.length > 4 && !c[4].isBlank() && !"-".equals(c[4].strip()) ? c[4].strip() : null;
            if ("$fn".equals(c[2]) && (regex == null || !regex.contains("(?<fn>"))) {
                throw new IllegalArgumentException("messages.tsv line " + n + ": function $fn needs a regex with a group (?<fn>...)");
            }
            rules.add(new Rule(Kind.fromId(c[0]), c[1], c[2].strip(), c[3].strip(),
                    regex == null ? null : Pattern.compile(regex)));
        }
        return new MessageRules(List.copyOf(rules));
    }
}
