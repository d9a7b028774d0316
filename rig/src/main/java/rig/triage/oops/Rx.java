package rig.triage.oops;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Regular expressions of the report rules, written in the shorthand of syzkaller's Linux rules:
 * {@code {{ADDR}}}, {@code {{PC}}} (a "[&lt;ffffffff81234567&gt;]" column), {@code {{FUNC}}} (a function name
 * captured before its "+0x" offset or ".isra" suffix), {@code {{SRC}}} (a captured "file.c:123"),
 * {@code {{TASK}}} (a task name of up to 100 characters). POSIX classes become Java's.
 */
final class Rx {
    static final String PC = "\\[<?(?:0x)?[0-9a-f]+>?\\]";
    static final String FUNC = "([a-zA-Z0-9_]+)(?:\\.|\\+)";

    private Rx() {
    }

    static Pattern of(String re) {
        // "one or more lines, lazily" as a lazy run of any characters up to a newline: the same matches,
        // but Java matches a repeated group by recursion, one level per line, and a report of thousands of
        // lines overflowed the stack; a repeated character class is matched in a loop
        String j = re.replace("(?:.*\\n)+?", "[\\s\\S]*?\\n")
                .replace("{{ADDR}}", "0x[0-9a-f]+")
                .replace("{{PC}}", PC)
                .replace("{{FUNC}}", FUNC)
                .replace("{{SRC}}", "([a-zA-Z0-9\\-_/.]+\\.[a-z]+:[0-9]+)")
                .replace("{{TASK}}", "[\\s\\S]{0,100}?")
                .replace("[[:xdigit:]]", "\\p{XDigit}")
                .replace("[[:space:]]", "\\s");
        return Pattern.compile(j);
    }

    static List<Pattern> all(String... res) {
        return java.util.Arrays.stream(res).map(Rx::of).toList();
    }

    static boolean any(List<Pattern> ps, CharSequence s) {
        for (Pattern p : ps) {
            if (p.matcher(s).find()) {
                return true;
            }
        }
        return false;
    }
}
