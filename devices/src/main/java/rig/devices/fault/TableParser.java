package rig.devices.fault;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import rig.sys.Errno;

/** Parses the text form of a fault table (grammar in the package documentation). */
final class TableParser {

    private static final Set<String> KINDS = Set.of("pass", "error", "flakey", "drop", "stall", "delay", "torn", "corrupt");
    private static final String SEE = "see the rig.devices.fault package documentation";

    private final String source;
    private final long deviceSectors;
    private int lineNo;
    private String lineText;

    private TableParser(String source, long deviceSectors) {
        this.source = source;
        this.deviceSectors = deviceSectors;
    }

    static Table parse(String text, long deviceSectors, String source) throws TableSyntaxException {
        return new TableParser(source, deviceSectors).parse(text);
    }

    private Table parse(String text) throws TableSyntaxException {
        List<Rule> rules = new ArrayList<>();
        Map<Rule, Integer> lineOf = new HashMap<>();
        Table.Cache cache = Table.Cache.KEEP;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            lineNo = i + 1;
            String line = lines[i];
            int hash = line.indexOf('#');
            lineText = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (lineText.isEmpty()) {
                continue;
            }
            String[] w = lineText.split("\\s+");
            if (w[0].equals("cache")) {
                cache = cacheLine(w, cache);
                continue;
            }
            Rule r = ruleLine(w);
            rules.add(r);
            lineOf.put(r, lineNo);
        }
        rules.sort(Comparator.comparingLong(r -> r.start));
        for (int i = 1; i < rules.size(); i++) {
            Rule a = rules.get(i - 1), b = rules.get(i);
            if (b.start < a.end) {
                lineNo = Math.max(lineOf.get(a), lineOf.get(b));
                int other = Math.min(lineOf.get(a), lineOf.get(b));
                throw fail("sectors " + b.start + "-" + b.end + " and " + a.start + "-" + a.end + " (line " + other
                        + ") overlap; give each sector at most one rule (uncovered sectors pass)");
            }
        }
        return new Table(deviceSectors, cache, rules);
    }

    private Table.Cache cacheLine(String[] w, Table.Cache previous) throws TableSyntaxException {
        if (previous != Table.Cache.KEEP) {
            throw fail("a second 'cache' line; keep one: 'cache volatile' or 'cache writethrough'");
        }
        if (w.length != 2 || !(w[1].equals("volatile") || w[1].equals("writethrough"))) {
            throw fail("'" + lineText + "' is not a cache line; write 'cache volatile' or 'cache writethrough'");
        }
        return w[1].equals("volatile") ? Table.Cache.VOLATILE : Table.Cache.WRITETHROUGH;
    }

    private Rule ruleLine(String[] w) throws TableSyntaxException {
        if (w.length < 3) {
            throw fail("'" + lineText + "' needs at least a start sector, a length and a rule, like '0 2048 error'");
        }
        long start = number(w[0], "start sector");
        long end;
        if (w[1].equals("-")) {
            end = deviceSectors;
        } else {
            long len = number(w[1], "length in sectors");
            if (len == 0) {
                throw fail("length 0 covers no sector; give a positive number of 512-byte sectors or '-' for the rest of the device");
            }
            end = start + len;
        }
        if (start >= deviceSectors || end > deviceSectors) {
            throw fail("sectors " + start + "-" + end + " reach past the end of the device (" + deviceSectors
                    + " sectors); shorten the range or use '-' as the length");
        }
        String kind = w[2];
        if (!KINDS.contains(kind)) {
            throw fail("unknown rule '" + kind + "'; use one of pass, error, flakey, drop, stall, delay, torn, corrupt");
        }
        Words words = words(w, kind);
        Rule r = build(kind, start, end, words);
        words.rejectUnused();
        return r;
    }

    private Rule build(String kind, long start, long end, Words w) throws TableSyntaxException {
        int ops;
        switch (kind) {
            case "pass":
                w.ops(Rule.ALL, Rule.ALL);
                return new Rules.Pass(start, end);
            case "error":
                return new Rules.Error(start, end, w.ops(Rule.RW, Rule.ALL), w.trigger(), w.errno());
            case "drop":
                return new Rules.Drop(start, end, w.ops(Rule.WRITE, Rule.WRITE | Rule.FLUSH), w.trigger());
            case "flakey": {
                ops = w.ops(Rule.RW, Rule.ALL);
                long up = w.duration("up", -1), down = w.duration("down", -1);
                if (up < 0 || down < 0) {
                    throw fail("flakey needs up= and down= durations, like 'flakey up=5s down=1s'");
                }
                Rules.Flakey.Mode mode = w.flag("drop_writes") ? Rules.Flakey.Mode.DROP_WRITES
                        : w.flag("error_writes") ? Rules.Flakey.Mode.ERROR_WRITES : Rules.Flakey.Mode.ERROR;
                w.flag("error");
                return new Rules.Flakey(start, end, ops, w.trigger(), up, down, mode, w.errno());
            }
            case "stall":
                ops = w.ops(Rule.RW, Rule.ALL);
                return new Rules.Stall(start, end, ops, w.trigger(), w.duration("deadline", 0), w.errno());
            case "delay": {
                ops = w.ops(Rule.RW, Rule.ALL);
                long latency = w.duration("latency", -1);
                if (latency < 0) {
                    throw fail("delay needs latency=, like 'delay latency=50ms' or 'delay latency=50ms jitter=20ms'");
                }
                return new Rules.Delay(start, end, ops, w.trigger(), latency, w.duration("jitter", 0), w.seed());
            }
            case "torn": {
                w.ops(Op.WRITE.bit(), Op.WRITE.bit());
                long keep = w.count("keep", -1);
                if (keep < 0) {
                    throw fail("torn needs keep=<sectors>, the sectors of each write that persist, like 'torn keep=8 then=error'");
                }
                String then = w.value("then", "error");
                if (!then.equals("error") && !then.equals("ack")) {
                    throw fail("then=" + then + " is not error or ack; write then=error (the write fails) or then=ack (it is acknowledged)");
                }
                return new Rules.Torn(start, end, w.trigger(), keep, then.equals("ack"), w.errno());
            }
            default: {
                ops = w.ops(Rule.READ, Rule.RW);
                long bytes = w.count("bytes", 1);
                if (bytes < 1 || bytes > 1 << 20) {
                    throw fail("bytes=" + bytes + " is out of range; corrupt 1 to 1048576 bytes per request");
                }
                return new Rules.Corrupt(start, end, ops, w.trigger(), (int) bytes, w.seed());
            }
        }
    }

    private Words words(String[] w, String kind) throws TableSyntaxException {
        Words words = new Words(kind);
        for (int i = 3; i < w.length; i++) {
            int eq = w[i].indexOf('=');
            if (eq < 0) {
                words.flags.add(w[i]);
            } else if (eq == 0 || eq == w[i].length() - 1) {
                throw fail("'" + w[i] + "' is not key=value; write it like errno=EIO");
            } else if (words.keys.put(w[i].substring(0, eq), w[i].substring(eq + 1)) != null) {
                throw fail(w[i].substring(0, eq) + "= is given twice; keep one");
            }
        }
        return words;
    }

    private long number(String s, String what) throws TableSyntaxException {
        try {
            long v = Long.parseLong(s);
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw fail("'" + s + "' is not a " + what + "; write a non-negative whole number of 512-byte sectors");
    }

    TableSyntaxException fail(String reason) {
        return new TableSyntaxException(source, lineNo, reason);
    }

    /** The words after the rule keyword: operation words, flags and key=value pairs, each used at most once. */
    private final class Words {
        final String kind;
        final List<String> flags = new ArrayList<>();
        final Map<String, String> keys = new LinkedHashMap<>();

        Words(String kind) {
            this.kind = kind;
        }

        int ops(int defaultOps, int allowed) throws TableSyntaxException {
            int ops = 0;
            for (var it = flags.iterator(); it.hasNext(); ) {
                int bits = switch (it.next()) {
                    case "read" -> Rule.READ;
                    case "write" -> Rule.WRITE;
                    case "rw" -> Rule.RW;
                    case "flush" -> Rule.FLUSH;
                    case "all" -> Rule.ALL;
                    default -> 0;
                };
                if (bits != 0) {
                    if ((bits & ~allowed) != 0) {
                        throw fail(kind + " does not apply to " + Rule.opsWord(bits & ~allowed) + "; allowed: "
                                + Rule.opsWord(allowed));
                    }
                    ops |= bits;
                    it.remove();
                }
            }
            return ops == 0 ? defaultOps : ops;
        }

        boolean flag(String name) {
            return flags.remove(name);
        }

        String value(String key, String dflt) {
            String v = keys.remove(key);
            return v == null ? dflt : v;
        }

        long count(String key, long dflt) throws TableSyntaxException {
            String v = keys.remove(key);
            if (v == null) {
                return dflt;
            }
            try {
                long n = Long.parseLong(v);
                if (n >= 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw fail(key + "=" + v + " is not a count; write a non-negative whole number, like " + key + "=8");
        }

        long duration(String key, long dflt) throws TableSyntaxException {
            String v = keys.remove(key);
            if (v == null) {
                return dflt;
            }
            long nanos = Durations.parse(v);
            if (nanos < 0) {
                throw fail(key + "=" + v + " is not a duration; write a number with a unit, like 30s, 500ms, 2m or 1.5s");
            }
            return nanos;
        }

        int errno() throws TableSyntaxException {
            String v = keys.remove("errno");
            if (v == null) {
                return Errno.EIO;
            }
            int e = Errno.parse(v);
            if (e <= 0) {
                throw fail("errno=" + v + " is not an errno; write a name like EIO, ENOSPC, ETIMEDOUT or a number 1-4095");
            }
            return e;
        }

        long seed() throws TableSyntaxException {
            String v = keys.remove("seed");
            if (v == null) {
                return ThreadLocalRandom.current().nextLong() >>> 1;
            }
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw fail("seed=" + v + " is not a whole number; write it like seed=42");
            }
        }

        Trigger trigger() throws TableSyntaxException {
            boolean once = flag("once");
            long after = count("after", 0), every = count("every", 1), limit = count("limit", 0);
            if (once && limit > 0) {
                throw fail("once and limit= together; once is limit=1, keep one");
            }
            if (every == 0) {
                throw fail("every=0 never fires; write every=N with N >= 1");
            }
            double prob = 1.0;
            String p = keys.remove("prob");
            if (p != null) {
                try {
                    prob = Double.parseDouble(p);
                } catch (NumberFormatException e) {
                    prob = -1;
                }
                if (!(prob > 0 && prob <= 1)) {
                    throw fail("prob=" + p + " is not a probability; write a number in (0, 1], like prob=0.01");
                }
            }
            long seed = 0;
            if (prob < 1.0) {
                seed = seed();
                keys.put("seed", Long.toString(seed));
            }
            return new Trigger(after, every, once ? 1 : limit, prob, seed);
        }

        void rejectUnused() throws TableSyntaxException {
            keys.remove("seed");
            if (!flags.isEmpty()) {
                throw fail("unknown word '" + flags.get(0) + "' for " + kind + "; " + SEE + " for its words");
            }
            if (!keys.isEmpty()) {
                String k = keys.keySet().iterator().next();
                throw fail("unknown key '" + k + "=' for " + kind + "; " + SEE + " for its keys");
            }
        }
    }
}
