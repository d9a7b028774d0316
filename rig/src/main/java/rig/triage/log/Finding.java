package rig.triage.log;

import java.util.List;
import rig.triage.Kind;

/**
 * One occurrence of a failure in one input, before deduplication.
 *
 * @param kind     what kind of failure
 * @param label    the words before "in" in the title ("hung task", "WARNING", "KASAN: use-after-free")
 * @param culprit  the function that explains it; null when only the test can name it (rig reports,
 *                 output mismatch), then the aggregator uses the test
 * @param evidence the few lines that matter, in log order
 * @param summary  true for a one-line summary of a test's result (the runner's failure message in
 *                 result.xml); the test's own files, when they explain the same failure, supersede it
 */
public record Finding(Kind kind, String label, String culprit, List<String> evidence, boolean summary) {
    public Finding(Kind kind, String label, String culprit, List<String> evidence) {
        this(kind, label, culprit, evidence, false);
    }
}
