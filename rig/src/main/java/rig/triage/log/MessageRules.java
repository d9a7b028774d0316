package rig.triage.log;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import rig.triage.Kind;
import rig.triage.Needles;
import rig.triage.ShippedTables;

/**
 * Failures that are one line without a stack, mapped to the function that prints them: the table
 * {@code rig/triage/messages.tsv} (kernel messages, fsck wording, and the rig checkers' report lines).
 */
public final class MessageRules {
    record Rule(Kind kind, String needle, String function, String label, Pattern regex) {
    }

    private final List<Rule> rules;
    private final Needles needles;

    private MessageRules(List<Rule> rules) {
        this.rules = rules;
        this.needles = new Needles(rules.stream().map(Rule::needle).toList(), "messages.tsv");
    }

    private static final class Holder {
        static final MessageRules DEFAULT = load();
    }

    public static MessageRules defaults() {
        return Holder.DEFAULT;
    }

    /** The finding for one logical line, or null when no row matches. */
    public Finding match(String stamp, String text) {
        long found = needles.in(text);
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
