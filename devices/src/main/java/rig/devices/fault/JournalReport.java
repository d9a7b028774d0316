package rig.devices.fault;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import rig.sys.Errno;

/**
 * The journal as people read it: the summary (consecutive notable requests of the same kind
 * grouped: "3 write errors (EIO) on sectors 229376-231424"), the requests held now, the
 * counters, then every retained entry, one per line.
 */
final class JournalReport {

    private JournalReport() {
    }

    static void write(Path file, Journal journal, IntFunction<String> ruleText, List<String> held, String counters)
            throws IOException {
        List<Journal.Entry> entries = journal.entries(0);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write("# rig fault-engine I/O journal\n# summary\n");
            w.write(summary(entries, journal.total(), journal.capacity()));
            w.write("# held now\n");
            for (String h : held) {
                w.write(h + "\n");
            }
            w.write("# counters\n");
            w.write(counters);
            w.write("# entries: seq start op sector+sectors result latency effects [rule]\n");
            for (Journal.Entry e : entries) {
                w.write(e.format(ruleText));
                w.write('\n');
            }
        }
    }

    static String summary(List<Journal.Entry> entries, long total, int capacity) {
        StringBuilder sb = new StringBuilder();
        sb.append(total).append(total == 1 ? " request" : " requests");
        if (total > entries.size()) {
            sb.append(" (the oldest ").append(total - entries.size()).append(" not retained; ring of ")
                    .append(capacity).append(')');
        }
        sb.append('\n');
        Group g = null;
        for (Journal.Entry e : entries) {
            String kind = kind(e);
            if (kind == null) {
                continue;
            }
            if (g != null && g.kind.equals(kind) && g.op == e.op()) {
                g.add(e);
            } else {
                if (g != null) {
                    sb.append(g.text()).append('\n');
                }
                g = new Group(kind, e);
            }
        }
        if (g != null) {
            sb.append(g.text()).append('\n');
        }
        return sb.toString();
    }

    /** What makes an entry notable, or null for an ordinary request. */
    private static String kind(Journal.Entry e) {
        int fx = e.effects();
        if ((fx & Effect.STALLED) != 0) {
            return e.failed() ? "stalled, then " + Errno.name(e.errno()) : "stalled";
        }
        if ((fx & Effect.TORN) != 0) {
            return e.failed() ? "torn, then " + Errno.name(e.errno()) : "torn";
        }
        if (e.failed()) {
            return "error " + Errno.name(e.errno());
        }
        if ((fx & Effect.DROPPED) != 0) {
            return "dropped";
        }
        if ((fx & Effect.CORRUPTED) != 0) {
            return "corrupted";
        }
        return null;
    }

    private static final class Group {
        final String kind;
        final Op op;
        long count, firstSector, endSector, maxLatency;

        Group(String kind, Journal.Entry e) {
            this.kind = kind;
            this.op = e.op();
            this.firstSector = e.sector();
            this.endSector = e.endSector();
            add0(e);
        }

        void add(Journal.Entry e) {
            firstSector = Math.min(firstSector, e.sector());
            endSector = Math.max(endSector, e.endSector());
            add0(e);
        }

        private void add0(Journal.Entry e) {
            count++;
            maxLatency = Math.max(maxLatency, e.latencyNanos());
        }

        String text() {
            String noun = op.name().toLowerCase(Locale.ROOT) + (count == 1 ? "" : "s");
            String where = op == Op.FLUSH ? "" : " on sectors " + firstSector + "-" + endSector;
            if (kind.startsWith("error ")) {
                return count + " " + op.name().toLowerCase(Locale.ROOT) + " error" + (count == 1 ? "" : "s") + " ("
                        + kind.substring(6) + ")" + where;
            }
            if (kind.startsWith("stalled")) {
                return String.format(Locale.ROOT, "%d %s %s %.1f s%s%s", count, count == 1 ? "request" : "requests",
                        "stalled" + (count == 1 ? "" : " up to"), maxLatency / 1e9,
                        kind.length() > 7 ? kind.substring(7) : "", " (" + noun + where + ")");
            }
            if (kind.startsWith("torn")) {
                return count + " " + noun + " torn" + where + (kind.length() > 4 ? kind.substring(4) : "");
            }
            return count + " " + noun + " " + kind + where;
        }
    }
}
