package rig.triage.known;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import rig.triage.Kind;
import rig.triage.KnownFix;
import rig.triage.ShippedTables;
import rig.triage.UnreadableInputException;

/** The known-signature table: signature pattern -> fix commit, link, or "expected under fault injection". */
public final class KnownSignatures {
    record Row(Kind kind, Pattern culprit, Pattern with, KnownFix fix) {
    }

    private static final String RESOURCE = "/rig/triage/known-signatures.tsv";
    private final List<Row> rows;

    private KnownSignatures(List<Row> rows) {
        this.rows = rows;
    }

    /** The table shipped with rig. */
    public static KnownSignatures defaults() {
        try {
            return parse(RESOURCE, ShippedTables.lines(RESOURCE));
        } catch (UncheckedIOException | UnreadableInputException e) {
            throw new IllegalStateException("the shipped table " + RESOURCE + " is broken: " + e.getMessage(), e);
        }
    }

    /** A user's table (same format); its rows are tried before the shipped ones when combined with {@link #plus}. */
    public static KnownSignatures load(Path file) throws UnreadableInputException {
        try {
            return parse(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException | UncheckedIOException e) {
            throw new UnreadableInputException(file + ": cannot read the known-signature table (" + e.getMessage()
                    + "); pass a readable tab-separated file like rig/src/main/resources" + RESOURCE);
        }
    }

    /** This table's rows first, then {@code other}'s. */
    public KnownSignatures plus(KnownSignatures other) {
        List<Row> all = new ArrayList<>(rows);
        all.addAll(other.rows);
        return new KnownSignatures(List.copyOf(all));
    }

    /**
     * The first row matching a signature, or null.
     *
     * @param culprit         the signature's culprit (function or test), may be null
     * @param contextCulprits culprits of the other findings of the same test (or file)
     */
    public KnownFix match(Kind kind, String culprit, Set<String> contextCulprits) {
        String c = culprit == null ? "" : culprit;
        for (Row r : rows) {
            if ((r.kind == null || r.kind == kind) && r.culprit.matcher(c).matches()
                    && (r.with == null || contextCulprits.stream().anyMatch(x -> r.with.matcher(x).matches()))) {
                return r.fix;
            }
        }
        return null;
    }

    static KnownSignatures parse(String name, List<String> lines) throws UnreadableInputException {
        List<Row> rows = new ArrayList<>();
        for (ShippedTables.Row r : ShippedTables.rows(lines)) {
            int n = r.line();
            String[] c = r.columns();
            if (c.length != 6) {
                throw new UnreadableInputException(name + " line " + n + ": expected 6 tab-separated columns "
                        + "(kind, culprit, with, verdict, reference, subject), found " + c.length);
            }
            try {
                Kind kind = "*".equals(c[0]) ? null : Kind.fromId(c[0]);
                Pattern with = "-".equals(c[2]) ? null : Pattern.compile(c[2]);
                String verdict = c[3].strip();
                if (!Set.of("fix", "link", "expected").contains(verdict)) {
                    throw new IllegalArgumentException("verdict '" + verdict + "' is not fix, link or expected");
                }
                rows.add(new Row(kind, Pattern.compile(c[1]), with, new KnownFix(verdict, c[4].strip(), c[5].strip())));
            } catch (IllegalArgumentException e) {
                String why = e instanceof PatternSyntaxException p ? "bad regex: " + p.getDescription() : e.getMessage();
                throw new UnreadableInputException(name + " line " + n + ": " + why);
            }
        }
        return new KnownSignatures(List.copyOf(rows));
    }
}
