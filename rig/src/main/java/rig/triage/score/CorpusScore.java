package rig.triage.score;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import rig.triage.Signature;
import rig.triage.Triage;
import rig.triage.TriageResult;
import rig.triage.UnreadableInputException;
import rig.triage.oops.CrashTypes;

/**
 * {@code rig triage --score DIR}: runs triage on every file of a corpus in syzkaller's testdata format
 * and prints, per expected crash type and in total, how often the top signature names syzkaller's culprit
 * (the function after the title's last " in "; corrupted and suppressed reports are not scored for it),
 * its crash type and its whole title, and the false positives on files that expect no report.
 */
public final class CorpusScore {
    private static final class Tally {
        int cases;
        int culpritScored;
        int culprits;
        int kinds;
        int titles;

        void add(Tally t) {
            cases += t.cases;
            culpritScored += t.culpritScored;
            culprits += t.culprits;
            kinds += t.kinds;
            titles += t.titles;
        }
    }

    /** The outcome of one file: what triage named first, or null titles when it found nothing. */
    public record Outcome(CorpusCase expected, String title, String culprit, String type) {
        boolean culpritMatches() {
            return expected.culprit().equals(culprit == null ? "" : culprit);
        }

        boolean kindMatches() {
            String want = expected.type().isEmpty() ? "UNKNOWN" : expected.type();
            return want.equals(type);
        }
    }

    private final Map<String, Tally> byType = new TreeMap<>();
    private final List<Outcome> misses = new ArrayList<>();
    private final List<Outcome> falsePositives = new ArrayList<>();
    /** Right culprit and kind, another title (the rig names a corrupted report's function, or a wrapped header). */
    private final List<Outcome> otherTitles = new ArrayList<>();
    private int noReportCases;
    private int errors;
    private long millis;

    /** Scores every regular file of {@code dir} (names sorted), skipping README/SOURCE notes. */
    public static CorpusScore run(Path dir) throws IOException {
        CorpusScore s = new CorpusScore();
        long t0 = System.nanoTime();
        List<Path> files;
        try (Stream<Path> st = Files.list(dir)) {
            files = st.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".md")).sorted().toList();
        }
        for (Path f : files) {
            s.score(CorpusCase.read(f));
        }
        s.millis = (System.nanoTime() - t0) / 1_000_000;
        return s;
    }

    private void score(CorpusCase c) {
        Outcome o;
        try {
            o = triage(c);
        } catch (UnreadableInputException e) {
            errors++;
            o = new Outcome(c, null, null, "UNREADABLE");
        }
        if (!c.expectsReport()) {
            noReportCases++;
            if (o.title != null) {
                falsePositives.add(o);
            }
            return;
        }
        Tally t = byType.computeIfAbsent(c.type().isEmpty() ? "UNKNOWN" : c.type(), k -> new Tally());
        t.cases++;
        boolean ok = true;
        if (!c.corrupted() && !c.suppressed()) {
            t.culpritScored++;
            if (o.culpritMatches()) {
                t.culprits++;
            } else {
                ok = false;
            }
        }
        if (o.kindMatches()) {
            t.kinds++;
        } else {
            ok = false;
        }
        if (c.title().equals(o.title)) {
            t.titles++;
        } else if (ok) {
            otherTitles.add(o);
        }
        if (!ok) {
            misses.add(o);
        }
    }

    /** Triage of one log, as {@code rig triage} runs it: the first signature of the output is the top one. */
    public static Outcome triage(CorpusCase c) throws UnreadableInputException {
        TriageResult r = Triage.withDefaults().run(List.of("-"),
                new ByteArrayInputStream(c.log().getBytes(StandardCharsets.UTF_8)));
        List<Signature> failures = r.signatures().stream().filter(s -> s.kind().failure()).toList();
        if (failures.isEmpty()) {
            return new Outcome(c, null, null, "UNKNOWN");
        }
        Signature top = failures.get(0);
        return new Outcome(c, top.title(), top.culprit(), CrashTypes.type(top.title()));
    }

    /** Prints the table; with {@code misses}, every case that missed, with what was expected and found. */
    public void print(PrintStream out, boolean showMisses) {
        out.printf("%-40s %6s %16s %16s %16s%n", "type", "cases", "culprit", "kind", "title");
        Tally total = new Tally();
        byType.forEach((type, t) -> {
            row(out, type, t);
            total.add(t);
        });
        row(out, "TOTAL", total);
        out.printf("false positives on files that expect no report: %d of %d%n", falsePositives.size(), noReportCases);
        if (errors > 0) {
            out.printf("unreadable: %d%n", errors);
        }
        out.printf("time: %d ms for %d files%n", millis, total.cases + noReportCases);
        if (showMisses) {
            for (Outcome o : misses) {
                out.printf("MISS %s: want \"%s\" [%s], got \"%s\" [%s]%n", o.expected.name(), o.expected.title(),
                        o.expected.type(), o.title, o.type);
            }
            for (Outcome o : otherTitles) {
                out.printf("TITLE %s: want \"%s\", got \"%s\"%n", o.expected.name(), o.expected.title(), o.title);
            }
            for (Outcome o : falsePositives) {
                out.printf("FALSE POSITIVE %s: got \"%s\"%n", o.expected.name(), o.title);
            }
        }
    }

    private static void row(PrintStream out, String type, Tally t) {
        out.printf("%-40s %6d %16s %16s %16s%n", type, t.cases, pct(t.culprits, t.culpritScored), pct(t.kinds, t.cases),
                pct(t.titles, t.cases));
    }

    private static String pct(int n, int of) {
        return of == 0 ? "-" : String.format("%d/%d %5.1f%%", n, of, 100.0 * n / of);
    }

    /** Whether every type with at least {@code min} cases reaches {@code typePct} and the total {@code totalPct}. */
    public boolean meets(double totalPct, double typePct, int min) {
        Tally total = new Tally();
        byType.values().forEach(total::add);
        if (total.culpritScored > 0 && 100.0 * total.culprits / total.culpritScored < totalPct) {
            return false;
        }
        for (Tally t : byType.values()) {
            if (t.culpritScored >= min && 100.0 * t.culprits / t.culpritScored < typePct) {
                return false;
            }
        }
        return true;
    }
}
