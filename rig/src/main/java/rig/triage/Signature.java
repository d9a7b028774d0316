package rig.triage;

import java.util.List;

/**
 * One deduplicated failure: the same title across runs, hosts, kernels and sections is one signature.
 *
 * @param title          normalised title, e.g. "INFO: task hung in btrfs_start_ordered_extent"
 * @param kind           what kind of failure
 * @param culprit        the function (or, for test-level failures, the test) that explains it
 * @param count          occurrences (per test and configuration, counted once per evidence file)
 * @param tests          tests affected (empty for logs that did not come from a test)
 * @param configurations configurations affected (section / host / kernel path; "" = default)
 * @param evidence       the few lines that matter, from the first occurrence
 * @param known          the matching known-signature row, or null
 * @param status         NEW, KNOWN, EXPECTED or FIXED
 */
public record Signature(String title, Kind kind, String culprit, int count, List<String> tests,
                        List<String> configurations, List<String> evidence, KnownFix known, Status status) {
}
