package rig.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parser of fstests' configuration format ({@code local.config}, {@code HOST_OPTIONS}): shell
 * assignments ({@code VAR=value}, {@code export VAR="value"}), {@code #} comments, and
 * {@code [section]} headers. A section starts with every variable of the sections before it
 * (fstests' inheritance); lines before the first header are shared by all sections.
 * {@code $VAR} and {@code ${VAR}} expand from earlier assignments, then the environment.
 */
public final class ConfigFile {

    private static final Pattern HEADER = Pattern.compile("\\[([A-Za-z0-9_.:+-]+)]");
    private static final Pattern ASSIGN = Pattern.compile("(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)");
    private static final Pattern REFERENCE = Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)}|([A-Za-z_][A-Za-z0-9_]*))");

    private ConfigFile() {
    }

    /**
     * Parses {@code text} read from {@code origin} (named in errors). Returns one unnamed section
     * when the text has no headers.
     */
    public static List<Section> parse(String text, String origin, Function<String, String> environment) {
        List<Section> sections = new ArrayList<>();
        Map<String, String> current = new LinkedHashMap<>();
        java.util.Set<String> setHere = new java.util.HashSet<>();
        String name = null;
        int lineNo = 0;
        for (String raw : text.split("\n", -1)) {
            lineNo++;
            String line = stripComment(raw).strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher header = HEADER.matcher(line);
            if (header.matches()) {
                if (name != null) {
                    sections.add(new Section(name, resetOptions(current, setHere, sections), true));
                }
                name = header.group(1);
                for (Section s : sections) {
                    if (s.name().equals(name)) {
                        throw new UserInputException(origin + ":" + lineNo + ": section [" + name
                                + "] defined twice; rename one of them");
                    }
                }
                current = new LinkedHashMap<>(sections.isEmpty() ? current : sections.get(sections.size() - 1).vars());
                setHere.clear();
                continue;
            }
            Matcher assign = ASSIGN.matcher(line);
            if (!assign.matches()) {
                throw new UserInputException(origin + ":" + lineNo + ": cannot parse \"" + raw.strip()
                        + "\"; expected VAR=value, export VAR=value or [section]");
            }
            current.put(assign.group(1), expand(unquote(assign.group(2)), current, environment));
            setHere.add(assign.group(1));
        }
        if (name != null) {
            sections.add(new Section(name, resetOptions(current, setHere, sections), true));
        } else {
            sections.add(new Section(Section.UNNAMED, current, false));
        }
        return sections;
    }

    /** The options fstests' get_next_config forgets when a section changes FSTYP. */
    static final List<String> PER_FSTYP_OPTIONS = List.of("MOUNT_OPTIONS", "TEST_FS_MOUNT_OPTS", "MKFS_OPTIONS",
            "FSCK_OPTIONS");

    /**
     * A section whose FSTYP differs from the section before it does not inherit that section's
     * MOUNT_OPTIONS, TEST_FS_MOUNT_OPTS, MKFS_OPTIONS and FSCK_OPTIONS (btrfs' mkfs options mean
     * nothing to mkfs.xfs): only what it sets itself, as fstests' get_next_config does.
     */
    private static Map<String, String> resetOptions(Map<String, String> vars, java.util.Set<String> setHere,
                                                    List<Section> before) {
        if (before.isEmpty()) {
            return vars;
        }
        String previous = before.get(before.size() - 1).vars().get("FSTYP");
        if (previous == null || previous.equals(vars.get("FSTYP"))) {
            return vars;
        }
        Map<String, String> out = new LinkedHashMap<>(vars);
        PER_FSTYP_OPTIONS.stream().filter(o -> !setHere.contains(o)).forEach(out::remove);
        return out;
    }

    private static String stripComment(String line) {
        boolean single = false;
        boolean dbl = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'' && !dbl) {
                single = !single;
            } else if (c == '"' && !single) {
                dbl = !dbl;
            } else if (c == '#' && !single && !dbl && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private static String unquote(String value) {
        String v = value.strip();
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    private static String expand(String value, Map<String, String> vars, Function<String, String> environment) {
        Matcher m = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String ref = m.group(1) != null ? m.group(1) : m.group(2);
            String val = vars.containsKey(ref) ? vars.get(ref) : environment.apply(ref);
            m.appendReplacement(out, Matcher.quoteReplacement(val == null ? "" : val));
        }
        m.appendTail(out);
        return out.toString();
    }
}
