package rig.triage.input;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import rig.triage.Kind;
import rig.triage.log.CulpritRules;
import rig.triage.log.Evidence;
import rig.triage.log.Finding;
import rig.triage.log.Frames;

/**
 * A test's failure message in result.xml (fstests' and rig's runner) as a summary finding: output
 * mismatch, timeout, hang, or a plain test failure. rig's runner writes "failed, timed out after 20s"
 * for a test that outlived its timeout and, on its hang path, "failed, hung: task dd:4567 blocked 16 s in
 * __iomap_dio_rw; ordered extent root 5 ino 257 [0, 1048576) outstanding (timed out after 20s)" (the
 * culprit line of rig.checkers.blocked.BlockedTask#line). The test's own files (.blocked, .oe, .dmesg)
 * explain the same failure with stacks; these summaries are marked so the aggregator prefers those.
 */
final class RunnerMessages {
    /** The runner's own words, not a test's exception that mentions a timeout ("failed, xfs_io timed out ..."). */
    private static final Pattern TIMEOUT = Pattern.compile(
            "^(?:failed, )?(?:the )?(?:test )?(?:timed out after|progress stopped after) \\d+ ?s|^timeout\\b");
    private static final Pattern HUNG = Pattern.compile("hung: task (?<task>\\S.*?:\\d+) blocked \\d+ s in (?<fn>[\\w.]+)");

    private RunnerMessages() {
    }

    /** The finding of the runner's typed verdict: no words to parse. */
    static Finding of(rig.results.Verdict v) {
        List<String> ev = List.of(Evidence.line("", v.message() == null ? v.failure().name() : v.message()));
        return switch (v.failure()) {
            case HUNG -> {
                String fn = v.culprit() == null ? null : Frames.normalise(v.culprit());
                boolean oe = fn != null && CulpritRules.defaults().isOrderedExtentWait(fn)
                        || v.message() != null && v.message().contains("ordered extent");
                yield new Finding(oe ? Kind.HUNG_ORDERED_EXTENT : Kind.HUNG_TASK, "INFO: task hung", fn, ev, true);
            }
            case TIMED_OUT -> new Finding(Kind.TIMEOUT, "timeout", null, ev, true);
            case OUTPUT_MISMATCH -> new Finding(Kind.OUTPUT_MISMATCH, "output mismatch", null, ev, true);
            default -> new Finding(Kind.TEST_FAILURE, "test failure", null, ev, true);
        };
    }

    /** A failure message of a report the rig did not write (fstests'), or of an older rig. */
    static Finding classify(String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        List<String> ev = List.of(Evidence.line("", message));
        Matcher hung = HUNG.matcher(message);
        if (hung.find()) {
            String fn = Frames.normalise(hung.group("fn"));
            boolean oe = lower.contains("ordered extent") || CulpritRules.defaults().isOrderedExtentWait(fn);
            return new Finding(oe ? Kind.HUNG_ORDERED_EXTENT : Kind.HUNG_TASK, "INFO: task hung", fn, ev, true);
        }
        if (lower.contains("output mismatch")) {
            return new Finding(Kind.OUTPUT_MISMATCH, "output mismatch", null, ev, true);
        }
        if (TIMEOUT.matcher(lower).find()) {
            return new Finding(Kind.TIMEOUT, "timeout", null, ev, true);
        }
        return new Finding(Kind.TEST_FAILURE, "test failure", null, ev, true);
    }
}
