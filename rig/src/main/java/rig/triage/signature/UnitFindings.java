package rig.triage.signature;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import rig.triage.Kind;
import rig.triage.log.Finding;

/**
 * The findings of one test in one configuration, resolved into one block per failure. A test that hung
 * is told by several files: the runner's "timed out after 20s" (NNN.full, result.xml), its failure
 * message ("failed, hung: task ... in FN"), the ordered-extent ledger (NNN.oe), the blocked tasks'
 * stacks (NNN.blocked, a hung-task report in NNN.dmesg), and the partial transcript the killed test
 * left in NNN.out.bad. They are one failure: the stacks name the culprit (else the runner's message,
 * else the ledger, else the timeout), the kind is "hung ordered extent" when the ledger or the stack
 * shows one, and the others add a line of evidence. A partial transcript of a test that hung is not
 * an output mismatch; a plain "test failure" (check.log) counts only when nothing more specific is known,
 * and the runner's one-line message gives way to the test's file that shows the same kind of failure.
 */
final class UnitFindings {
    private static final int MAX_EVIDENCE = 10;

    /** A finding and where it was read. */
    record Seen(Scope scope, Finding finding) {
    }

    private final List<Seen> seen = new ArrayList<>();

    void add(Scope scope, Finding f) {
        seen.add(new Seen(scope, f));
    }

    /** Hands the findings that stand, in input order, to {@code out}. */
    void resolve(BiConsumer<Scope, Finding> out) {
        mergeGaps();
        List<Seen> hang = seen.stream().filter(s -> hangFamily(s.finding)).toList();
        List<Seen> primary = primaries(hang);
        // the runner killed the test: what it wrote to NNN.out.bad until then is not an output mismatch
        boolean killed = hang.stream().anyMatch(s -> s.finding.kind() == Kind.TIMEOUT || s.finding.summary());
        boolean specific = seen.stream().anyMatch(s -> s.finding.kind().failure() && s.finding.kind() != Kind.TEST_FAILURE);
        boolean orderedExtent = hang.stream().anyMatch(s -> s.finding.kind() == Kind.HUNG_ORDERED_EXTENT);
        List<String> extra = hang.stream().filter(s -> !primary.contains(s) && !s.finding.evidence().isEmpty())
                .map(s -> s.finding.evidence().get(0)).toList();
        boolean first = true;
        for (Seen s : seen) {
            Kind k = s.finding.kind();
            if ((killed && k == Kind.OUTPUT_MISMATCH) || (specific && k == Kind.TEST_FAILURE)
                    || (hangFamily(s.finding) && !primary.contains(s)) || toldByFiles(s)) {
                continue;
            }
            Finding f = s.finding;
            if (primary.contains(s)) {
                f = merged(f, orderedExtent, first ? extra : List.of());
                first = false;
            }
            out.accept(s.scope, f);
        }
    }

    /**
     * A zero-filled gap (or stale data) is told by the gap verifier's range, the ledger's ordered extent that
     * finished with IOERR ("gap in the making") and the transcript's diff: one failure. The verifier's finding
     * stands, the others join its evidence.
     */
    private void mergeGaps() {
        List<Seen> gaps = seen.stream().filter(s -> gapFamily(s.finding)).toList();
        if (gaps.isEmpty()) {
            return;
        }
        Seen primary = gaps.stream().min(java.util.Comparator.comparingInt(s -> gapRank(s.finding.label())))
                .orElseThrow();
        List<Seen> joined = seen.stream().filter(s -> s != primary
                && (gapFamily(s.finding) || s.finding.kind() == Kind.OUTPUT_MISMATCH)).toList();
        List<String> ev = primary.finding.evidence();
        for (Seen s : joined) {
            ev = withEvidence(ev, s.finding.evidence().subList(0, Math.min(2, s.finding.evidence().size())));
        }
        Finding f = primary.finding;
        seen.set(seen.indexOf(primary), new Seen(primary.scope, new Finding(f.kind(), f.label(), f.culprit(), ev,
                f.summary(), f.type())));
        seen.removeAll(joined);
    }

    /** Which of a test's gap findings names the failure: what the verifier read back before what the ledger saw. */
    private static final List<String> GAP_ORDER = List.of("zero-filled gap", "missing data", "stale data", "wrong data",
            "gap in the making");

    private static int gapRank(String label) {
        int i = GAP_ORDER.indexOf(label);
        return i < 0 ? GAP_ORDER.size() : i;
    }

    private static boolean gapFamily(Finding f) {
        return f.kind() == Kind.ZERO_FILLED_GAP || f.kind() == Kind.STALE_DATA;
    }

    /** A summary (the runner's message) of a failure that the test's own files show with their lines. */
    private boolean toldByFiles(Seen s) {
        return s.finding.summary() && !hangFamily(s.finding)
                && seen.stream().anyMatch(o -> !o.finding.summary() && o.finding.kind() == s.finding.kind());
    }

    /** Stack-based hangs; else the runner's hang message; else the ledger's hung ordered extents; else timeouts. */
    private static List<Seen> primaries(List<Seen> hang) {
        List<Seen> stacks = hang.stream().filter(s -> isHang(s.finding) && s.finding.culprit() != null
                && !s.finding.summary()).toList();
        if (!stacks.isEmpty()) {
            return stacks;
        }
        List<Seen> message = hang.stream().filter(s -> isHang(s.finding) && s.finding.culprit() != null).limit(1).toList();
        if (!message.isEmpty()) {
            return message;
        }
        List<Seen> ledger = hang.stream().filter(s -> isHang(s.finding)).toList();
        return ledger.isEmpty() ? hang : ledger;
    }

    private static Finding merged(Finding f, boolean orderedExtent, List<String> extra) {
        Kind kind = orderedExtent && f.kind() == Kind.HUNG_TASK ? Kind.HUNG_ORDERED_EXTENT : f.kind();
        return new Finding(kind, f.label(), f.culprit(), withEvidence(f.evidence(), extra), f.summary(), f.type());
    }

    /** {@code evidence} and the lines of {@code more} it lacks, up to {@value #MAX_EVIDENCE} lines. */
    private static List<String> withEvidence(List<String> evidence, List<String> more) {
        List<String> ev = new ArrayList<>(evidence);
        for (String line : more) {
            if (ev.size() < MAX_EVIDENCE && !ev.contains(line)) {
                ev.add(line);
            }
        }
        return List.copyOf(ev);
    }

    static boolean isHang(Finding f) {
        return f.kind() == Kind.HUNG_TASK || f.kind() == Kind.HUNG_ORDERED_EXTENT;
    }

    private static boolean hangFamily(Finding f) {
        return isHang(f) || f.kind() == Kind.TIMEOUT;
    }
}
