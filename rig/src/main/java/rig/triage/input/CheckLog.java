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
 * generic/276" names failed tests. Each failure becomes a test failure that the aggregator drops when the
 * test's own files explain it better.
 */
final class CheckLog {
    private final ScopedSink sink;
    private final String baseConfig;
    private final String source;
    private String section = "";

    CheckLog(ScopedSink sink, String baseConfig, String source) {
        this.sink = sink;
        this.baseConfig = baseConfig;
        this.source = source;
    }

    void read(Reader r) throws IOException {
        LineAssembler.readAll(r, this::line);
    }

    private void line(String l) {
        String t = l.strip();
        if (t.startsWith("SECTION") && t.contains("--")) {
            section = t.substring(t.indexOf("--") + 2).strip();
        } else if (t.startsWith("Failures:")) {
            for (String test : t.substring("Failures:".length()).strip().split("\\s+")) {
                if (!test.isEmpty()) {
                    Scope scope = new Scope(ResultXml.join(baseConfig, section), test, source);
                    sink.accept(scope, new Finding(Kind.TEST_FAILURE, "test failure", null, List.of(Evidence.line("", t))));
                }
            }
        }
    }
}
