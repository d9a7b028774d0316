package rig.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** fstests' {@code check.log}: appended after each run of a section. */
public final class CheckLog {

    private CheckLog() {
    }

    /** The summary lines, also printed on stdout: Ran/Not run/Failures and the count. */
    public static List<String> summary(List<TestResult> results) {
        return summary(results, false);
    }

    /**
     * The summary lines of a run as fstests' _wrapup prints them: "Ran:" lists every test tried
     * (passed, failed, not run, interrupted; not the expunged), "Interrupted!" follows when a
     * signal stopped the run, then "Not run:", "Failures:" and "Failed N of M tests" or "Passed
     * all M tests", M counting every test tried.
     */
    public static List<String> summary(List<TestResult> results, boolean interrupted) {
        List<String> tried = ids(results, Status.PASS, Status.FAIL, Status.NOTRUN, Status.INTERRUPTED);
        List<String> notRun = ids(results, Status.NOTRUN);
        List<String> failed = ids(results, Status.FAIL);
        List<String> lines = new java.util.ArrayList<>();
        if (!tried.isEmpty()) {
            lines.add("Ran: " + String.join(" ", tried));
        }
        if (interrupted) {
            lines.add(INTERRUPTED);
        }
        if (!notRun.isEmpty()) {
            lines.add("Not run: " + String.join(" ", notRun));
        }
        if (!failed.isEmpty()) {
            lines.add("Failures: " + String.join(" ", failed));
        }
        lines.add(countLine(tried.size(), failed.size()));
        return lines;
    }

    /** "Failed 1 of 4 tests", "Passed all 3 tests" (fstests says "Passed all 0 tests" too). */
    public static String countLine(int tried, int failed) {
        return failed > 0 ? "Failed " + failed + " of " + tried + " tests" : "Passed all " + tried + " tests";
    }

    /**
     * The verdict of the last section summary in {@code output} (what ./check printed): its count
     * line, with its "Failures:" line in brackets ("Failed 1 of 2 tests (Failures: generic/708)");
     * empty when the output has no count line (the run never finished).
     */
    public static java.util.Optional<String> lastVerdict(String output) {
        List<String> lines = output.lines().toList();
        java.util.Optional<String> count = lines.stream()
                .filter(l -> l.startsWith("Passed all ") || l.matches("Failed \\d+ of \\d+ tests.*")).reduce((a, b) -> b);
        String failures = lines.stream().filter(l -> l.startsWith("Failures: ")).reduce((a, b) -> b)
                .map(f -> " (" + f + ")").orElse("");
        return count.map(c -> c + failures);
    }

    /** fstests' word for a run a signal stopped. */
    public static final String INTERRUPTED = "Interrupted!";

    /** date(1)'s default format: "Sun Dec  6 04:17:32 UTC 2026". */
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss zzz yyyy", Locale.ROOT);

    public static void append(Path file, String kernel, List<TestResult> results) throws IOException {
        append(file, kernel, results, false);
    }

    /**
     * Appends the section's lines to {@code file} as _wrapup's _global_log does: an empty line,
     * "Kernel version: R", the date, then the summary lines.
     */
    public static void append(Path file, String kernel, List<TestResult> results, boolean interrupted) throws IOException {
        StringBuilder out = new StringBuilder();
        out.append('\n');
        out.append("Kernel version: ").append(kernel).append('\n');
        out.append(ZonedDateTime.now().format(DATE)).append('\n');
        for (String line : summary(results, interrupted)) {
            out.append(line).append('\n');
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, out, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static List<String> ids(List<TestResult> results, Status... statuses) {
        List<Status> wanted = List.of(statuses);
        return results.stream().filter(r -> wanted.contains(r.status())).map(TestResult::id).distinct().toList();
    }
}
