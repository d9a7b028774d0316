package rig.checkers.kmsg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A test's declared kernel-log lines, {@code @Fstest(expectedKernelLog)}, saved beside its kernel log as
 * {@code NNN.dmesg.expected} so that readers of the results ({@code rig triage}) judge the lines of
 * NNN.dmesg as the checker did. The file: {@code #} comment lines (the source, how many lines of the
 * window matched), then one regular expression per line, searched anywhere in a message line (the
 * line without its "[ seconds.micros]" stamp). Written only when the test declares patterns.
 */
public final class ExpectedKernelLog {

    public static final String SUFFIX = ".dmesg.expected";
    static final String SOURCE = "# @Fstest(expectedKernelLog) of ";
    private static final Pattern STAMP = Pattern.compile("\\[\\s*\\d+\\.\\d+\\] ");

    private final List<String> patterns;
    private final KernelLogRules rules;

    private ExpectedKernelLog(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
        this.rules = new KernelLogRules(patterns.toArray(String[]::new));
    }

    /** @param regexes the test's {@code @Fstest(expectedKernelLog)} (invalid regexes throw PatternSyntaxException) */
    public static ExpectedKernelLog of(String... regexes) {
        return new ExpectedKernelLog(List.of(regexes));
    }

    public List<String> patterns() {
        return patterns;
    }

    /** The checker's rules for these patterns: {@link KernelLogRules#expected} and {@link KernelLogRules#fails}. */
    public KernelLogRules rules() {
        return rules;
    }

    /**
     * Writes {@code seqres + SUFFIX} when patterns were declared (else removes an older one).
     *
     * @param test     "rig/101", named in the header
     * @param messages the window's message lines, to count the ones that matched
     */
    public void write(Path seqres, String test, List<String> messages) throws IOException {
        Path f = Path.of(seqres + SUFFIX);
        if (patterns.isEmpty()) {
            Files.deleteIfExists(f);
            return;
        }
        long matched = messages.stream().filter(rules::expected).count();
        List<String> out = new ArrayList<>();
        out.add(SOURCE + test + ": lines of " + seqres.getFileName() + KernelLogChecker.SUFFIX
                + " that match one of these regexes do not fail the test");
        out.add("# " + matched + " of " + messages.size() + " lines matched");
        out.addAll(patterns);
        Files.write(f, out);
    }

    /** True for an NNN.dmesg line ("[ 12.345678] message") whose message matches a declared pattern. */
    public boolean declares(String dmesgLine) {
        return rules.expected(message(dmesgLine));
    }

    /** True for an NNN.dmesg line that the checker fails on: a failure signature no pattern declares. */
    public boolean fails(String dmesgLine) {
        return rules.fails(message(dmesgLine));
    }

    /** The message of a {@link KmsgRecord#dmesgLine()}: without its stamp, as the checker matched it. */
    static String message(String dmesgLine) {
        Matcher m = STAMP.matcher(dmesgLine);
        return m.lookingAt() ? dmesgLine.substring(m.end()) : dmesgLine;
    }

    /**
     * The declarations of test {@code base} ("101") in {@code dir}: {@code dir/101.dmesg.expected}, or empty
     * when there is none. Throws IOException naming the file when it cannot be read or holds a bad regex.
     */
    public static Optional<ExpectedKernelLog> beside(Path dir, String base) throws IOException {
        Path f = dir.resolve(base + SUFFIX);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        List<String> regexes = Files.readAllLines(f).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        try {
            return Optional.of(new ExpectedKernelLog(regexes));
        } catch (PatternSyntaxException e) {
            throw new IOException(f + ": '" + e.getPattern() + "' is not a regular expression (" + e.getDescription()
                    + "); fix or delete that line");
        }
    }
}
