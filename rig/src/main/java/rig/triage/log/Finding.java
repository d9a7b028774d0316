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
 */
public record Finding(Kind kind, String label, String culprit, List<String> evidence) {
}
