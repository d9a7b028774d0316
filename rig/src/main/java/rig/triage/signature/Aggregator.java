package rig.triage.signature;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import rig.triage.Kind;
import rig.triage.KnownFix;
import rig.triage.Signature;
import rig.triage.Status;
import rig.triage.known.Baseline;
import rig.triage.known.KnownSignatures;
import rig.triage.log.Finding;

/**
 * Deduplicates findings into signatures by title. A test in a configuration counts once per occurrence
 * in its richest evidence file (the same hang in NNN.dmesg and in result.xml is one occurrence, not two).
 */
public final class Aggregator {
    private static final int MAX_CONTEXT = 256;
    private static final int ONE_LINE_EVIDENCE = 3;
    private static final KnownFix PASSED_BY_THE_RUN = new KnownFix("expected", "-",
            "the run passed the test (its findings were declared expected)");
    private static final KnownFix DECLARED_BY_THE_TEST = new KnownFix("expected", "-",
            "declared expected by the test (@Fstest(expectedKernelLog), NNN.dmesg.expected)");

    private static final class Entry {
        final Kind kind;
        final String culprit;
        /** A kernel report (WARNING, BUG, hang, ...): it outranks one-line messages such as I/O errors. */
        final boolean report;
        List<String> evidence;
        /** One-line findings (messages) gather their first few distinct lines as evidence. */
        final boolean oneLine;
        final Map<String, Map<String, Integer>> perUnit = new LinkedHashMap<>();
        final Set<String> tests = new TreeSet<>();
        final Set<String> configs = new TreeSet<>();
        /** Units with an occurrence their test did not declare expected. */
        final Set<String> undeclaredUnits = new HashSet<>();

        Entry(Kind kind, String culprit, List<String> evidence, boolean report) {
            this.kind = kind;
            this.report = report;
            this.culprit = culprit;
            this.oneLine = evidence.size() == 1;
            this.evidence = oneLine ? new ArrayList<>(evidence) : evidence;
        }

        int count() {
            int n = 0;
            for (Map<String, Integer> bySource : perUnit.values()) {
                n += bySource.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            }
            return n;
        }
    }

    private final Map<String, Entry> byTitle = new LinkedHashMap<>();
    private static final int MAX_STACKLESS = 16;
    private static final int MAX_EVIDENCE_LINES = 12;
    /** Hangs of a plain log (no test) without a stack, held until the log's other hangs are known. */
    private final Map<String, List<UnitFindings.Seen>> stacklessHangs = new LinkedHashMap<>();
    /** A plain log's first hang with a culprit, by unit. */
    private final Map<String, String> hangTitleByUnit = new HashMap<>();
    private final Map<String, Set<String>> culpritsByUnit = new HashMap<>();
    /** A test's findings, held until the end: one failure is told by several files (see {@link UnitFindings}). */
    private final Map<String, UnitFindings> tests = new LinkedHashMap<>();
    /** Units (test in a configuration) that the run judged passed. */
    private final Set<String> passedUnits = new HashSet<>();

    public void add(Scope scope, Finding f) {
        if (scope.test() == null && UnitFindings.isHang(f) && f.culprit() == null) {
            List<UnitFindings.Seen> pending = stacklessHangs.computeIfAbsent(scope.unit(), u -> new ArrayList<>());
            if (pending.size() < MAX_STACKLESS) {
                pending.add(new UnitFindings.Seen(scope, f));
            }
            return;
        }
        if (scope.test() == null) {
            record(scope, f);
        } else {
            tests.computeIfAbsent(scope.unit(), u -> new UnitFindings()).add(scope, f);
        }
    }

    /**
     * A finding of a test's kernel log that the test declared expected: recorded as it is (no correlation
     * with the test's failure), EXPECTED unless the same signature also occurs undeclared in a failed test.
     */
    public void declared(Scope scope, Finding f) {
        record(scope, f, true);
    }

    /** The run judged the test passed: whatever its files show, it declared expected (status EXPECTED). */
    public void passed(Scope scope) {
        if (scope.test() != null) {
            passedUnits.add(scope.unit());
        }
    }

    private void record(Scope scope, Finding f) {
        record(scope, f, false);
    }

    private void record(Scope scope, Finding f, boolean declared) {
        String title = Titles.of(f, scope.test());
        if (UnitFindings.isHang(f) && f.culprit() != null) {
            hangTitleByUnit.putIfAbsent(scope.unit(), title);
        }
        Entry e = byTitle.computeIfAbsent(title, t -> new Entry(f.kind(), Titles.culprit(f, scope.test()), f.evidence(), f.isReport()));
        if (e.oneLine && e.evidence.size() < ONE_LINE_EVIDENCE && f.evidence().size() == 1
                && !e.evidence.contains(f.evidence().get(0))) {
            e.evidence.add(f.evidence().get(0));
        }
        String unit = scope.unit();
        e.perUnit.computeIfAbsent(unit, u -> new HashMap<>(2)).merge(scope.source(), 1, Integer::sum);
        if (!declared) {
            e.undeclaredUnits.add(unit);
        }
        if (scope.test() != null) {
            e.tests.add(scope.test());
        }
        e.configs.add(scope.config());
        if (f.culprit() != null) {
            Set<String> ctx = culpritsByUnit.computeIfAbsent(unit, u -> new HashSet<>());
            if (ctx.size() < MAX_CONTEXT) {
                ctx.add(f.culprit());
            }
        }
    }

    /**
     * A blocked-task dump cut before its first stack (a mail that quoted only its head) tells of the same
     * hang as the log's hang with a stack: its first line joins that signature's evidence; alone, it stands.
     */
    private void foldStacklessHangs() {
        stacklessHangs.forEach((unit, pending) -> {
            String title = hangTitleByUnit.get(unit);
            Entry e = title == null ? null : byTitle.get(title);
            for (UnitFindings.Seen s : pending) {
                if (e == null) {
                    record(s.scope(), s.finding());
                } else if (!s.finding().evidence().isEmpty() && e.evidence.size() < MAX_EVIDENCE_LINES) {
                    List<String> ev = new ArrayList<>(e.evidence);
                    ev.add(s.finding().evidence().get(0));
                    e.evidence = ev;
                }
            }
        });
        stacklessHangs.clear();
    }

    /** The signatures, statuses decided by the known table and the baseline (null for none). */
    public List<Signature> signatures(KnownSignatures known, Baseline baseline) {
        tests.values().forEach(u -> u.resolve(this::record));
        foldStacklessHangs();
        tests.clear();
        List<Signature> out = new ArrayList<>();
        for (Map.Entry<String, Entry> me : byTitle.entrySet()) {
            Entry e = me.getValue();
            Set<String> context = new HashSet<>();
            for (String unit : e.perUnit.keySet()) {
                context.addAll(culpritsByUnit.getOrDefault(unit, Set.of()));
            }
            context.remove(e.culprit);
            KnownFix fix = known.match(e.kind, e.culprit, context);
            if (!e.perUnit.isEmpty() && passedUnits.containsAll(e.undeclaredUnits)) {
                // the test's own declaration wins over the table's row; a run's verdict does not
                fix = e.undeclaredUnits.isEmpty() ? DECLARED_BY_THE_TEST : fix == null ? PASSED_BY_THE_RUN : fix;
            }
            Status status = status(e.kind, me.getKey(), fix, baseline);
            out.add(new Signature(me.getKey(), e.kind, e.culprit, e.count(), List.copyOf(e.tests),
                    List.copyOf(e.configs), List.copyOf(e.evidence), fix, status));
        }
        if (baseline != null) {
            Set<String> seen = byTitle.keySet();
            baseline.entries().forEach((title, kind) -> {
                if (!seen.contains(title)) {
                    out.add(new Signature(title, kind == null ? null : Kind.fromId(kind), null, 0, List.of(),
                            List.of(), List.of(), null, Status.FIXED));
                }
            });
        }
        // a kernel report outranks what a filesystem reported (an abort, a shutdown, a checksum failure), which
        // outranks the I/O errors around them, their consequences; among reports the first one seen comes first
        // (later ones in a log are mostly its fallout, as syzkaller assumes); the others by count
        out.sort(Comparator.comparing(Signature::status)
                .thenComparingInt(s -> isReport(s) ? 0 : s.kind() == Kind.IO_ERROR ? 2 : 1)
                .thenComparing(s -> isReport(s) ? 0 : -s.count()));
        return out;
    }

    /** A kernel report's signature (a baseline's FIXED title, not seen in this run, is none). */
    private boolean isReport(Signature s) {
        Entry e = byTitle.get(s.title());
        return e != null && e.report;
    }

    private static Status status(Kind kind, String title, KnownFix fix, Baseline baseline) {
        if (!kind.failure() || (fix != null && fix.expected())) {
            return Status.EXPECTED;
        }
        if (baseline != null) {
            return baseline.contains(title) ? Status.KNOWN : Status.NEW;
        }
        return fix != null ? Status.KNOWN : Status.NEW;
    }
}
