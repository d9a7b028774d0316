package rig.triage.oops;

import java.util.ArrayList;
import java.util.List;
import rig.triage.Kind;
import rig.triage.ShippedTables;

/**
 * A title's crash type (syzkaller's {@code crash.TitleToType}: first matching prefix) and the rig's kind
 * for it; the table is {@code rig/triage/crash-types.tsv}.
 */
public final class CrashTypes {
    private record Row(String prefix, String type, Kind kind) {
    }

    private static final List<Row> ROWS = load();

    private CrashTypes() {
    }

    /** syzkaller's type of a title, "UNKNOWN" when no prefix matches. */
    public static String type(String title) {
        Row r = row(title);
        return r == null ? "UNKNOWN" : r.type;
    }

    /** The rig's kind of a title: the table's, else by its first word. */
    public static Kind kind(String title) {
        Row r = row(title);
        return r != null ? r.kind : title.startsWith("WARNING") ? Kind.WARNING : Kind.BUG;
    }

    private static Row row(String title) {
        for (Row r : ROWS) {
            if (title.startsWith(r.prefix)) {
                return r;
            }
        }
        return null;
    }

    private static List<Row> load() {
        List<String> lines = ShippedTables.lines("/rig/triage/crash-types.tsv");
        List<Row> rows = new ArrayList<>();
        for (ShippedTables.Row r : ShippedTables.rows(lines)) {
            String[] c = r.columns();
            if (c.length != 3) {
                throw new IllegalArgumentException("crash-types.tsv line " + r.line()
                        + ": expected prefix, type, kind separated by tabs: " + lines.get(r.line() - 1));
            }
            rows.add(new Row(c[0], c[1].strip(), Kind.fromId(c[2].strip())));
        }
        return List.copyOf(rows);
    }
}
