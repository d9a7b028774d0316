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
     * The summary lines of a run, "Interrupted!" after "Ran:" when a signal stopped it (fstests' _wrapup);
     * the interrupted test counts as tried.
     */
    public static List<String> summary(List<TestResult> results, boolean interrupted) {
        List<String> ran = ids(results, Status.PASS, Status.FAIL, Status.INTERRUPTED);
        List<String> notRun = ids(results, Status.NOTRUN);
        List<String> failed = ids(results, Status.FAIL);
        List<String> lines = new java.util.ArrayList<>();
        if (!ran.isEmpty()) {
            lines.add("Ran: " + String.join(" ", ran));
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
        lines.add(countLine(ran.size(), failed.size(), notRun.size()));
        return lines;
    }

    /** "Failed 1 of 4 tests, 2 not run", "Passed 3 of 5 tests, 2 not run", "Passed all 3 tests". */
    public static String countLine(int ran, int failed, int notRun) {
        String tail = notRun > 0 ? ", " + notRun + " not run" : "";
        if (failed > 0) {
            return "Failed " + failed + " of " + ran + " tests" + tail;
        }
        if (ran == 0) {
            return "No tests ran" + tail;
        }
        return notRun > 0 ? "Passed " + ran + " of " + (ran + notRun) + " tests" + tail
                : "Passed all " + ran + " tests";
    }

    /** fstests' word for a run a signal stopped. */
    public static final String INTERRUPTED = "Interrupted!";

    public static void append(Path file, String kernel, List<TestResult> results) throws IOException {
        append(file, kernel, results, false);
    }

    public static void append(Path file, String kernel, List<TestResult> results, boolean interrupted) throws IOException {
        StringBuilder out = new StringBuilder();
        out.append(ZonedDateTime.now().format(DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss zzz yyyy", Locale.ROOT)))
                .append('\n');
        out.append("Kernel: ").append(kernel).append('\n');
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
