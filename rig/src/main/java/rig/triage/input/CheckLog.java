package rig.triage.input;

import java.io.IOException;
import java.io.Reader;
import java.util.List;
import rig.triage.Kind;
import rig.triage.log.Evidence;
import rig.triage.log.Finding;
import rig.triage.log.LineAssembler;
import rig.triage.signature.Scope;

/**
 * fstests' (and rig's) check.log: "SECTION       -- btrfs_normal" starts a section, "Failures: generic/250
 * generic/276" names failed tests, "Ran:" and "Not run:" the others; the file grows with every run, so a
 * test's last mention decides. Each failure becomes a test failure that the aggregator drops when the
 * test's own files explain it better.
 */
final class CheckLog {
    private final ScopedSink sink;
    private final String baseConfig;
    private final String source;
    private String section = "";
    /** A test's last mention was "Ran:" with no "Failures:" after it in that run. */
    private static final String PASSED = "";
    /** config -> test -> the line of its last failure, PASSED, or null when the last run skipped it. */
    private final java.util.Map<String, java.util.Map<String, String>> last = new java.util.LinkedHashMap<>();

    CheckLog(ScopedSink sink, String baseConfig, String source) {
        this.sink = sink;
        this.baseConfig = baseConfig;
        this.source = source;
    }

    void read(Reader r) throws IOException {
        LineAssembler.readAll(r, this::line);
        last.forEach((config, tests) -> tests.forEach((test, failure) -> {
            Scope scope = new Scope(config, test, source);
            if (PASSED.equals(failure)) {
                sink.passed(scope);
            } else if (failure != null) {
                sink.accept(scope, new Finding(Kind.TEST_FAILURE, "test failure", null,
                        List.of(Evidence.line("", failure)), true));
            }
        }));
    }

    /** check.log is appended to by every run: a test's last mention decides. */
    private void mark(String line, String prefix, String failure) {
        var tests = last.computeIfAbsent(ResultXml.join(baseConfig, section), c -> new java.util.LinkedHashMap<>());
        for (String test : line.substring(prefix.length()).strip().split("\\s+")) {
            if (!test.isEmpty()) {
                tests.remove(test);
                tests.put(test, failure);
            }
        }
    }

    private void line(String l) {
        String t = l.strip();
        if (t.startsWith("SECTION") && t.contains("--")) {
            section = t.substring(t.indexOf("--") + 2).strip();
        } else if (t.startsWith("Failures:")) {
            mark(t, "Failures:", t);
        } else if (t.startsWith("Ran:")) {
            mark(t, "Ran:", PASSED);
        } else if (t.startsWith("Not run:")) {
            mark(t, "Not run:", null);
        }
    }
}
