package rig.checkers.oe;

import rig.config.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import rig.check.api.CheckContext;
import rig.check.api.Checker;
import rig.checkers.gaps.ExpectationLog;
import rig.checkers.gaps.WriteRecord;
import rig.devices.own.Registry;

/**
 * The ordered-extent ledger (btrfs): a private tracefs instance per test with the btrfs
 * ordered-extent events, parsed into a {@link Ledger}. After the test, an ordered extent still
 * outstanding (after a grace period for in-flight writeback, none once the test hung) is a hung
 * or leaked ordered extent; an IOERR range over bytes the test's {@link ExpectationLog} says
 * were acknowledged is a gap in the making. Saved as NNN.oe.
 *
 * <p>While the test runs, an ordered extent outstanding longer than RIG_OE_STALL seconds (default
 * 10, as the blocked-task threshold) is remembered; if it completes later (a stall that was
 * released, a device that recovered), the test still fails with "stalled ordered extent".
 *
 * <p>Configuration: RIG_OE_GRACE (seconds to let outstanding extents complete, default 5),
 * RIG_OE_STALL (default 10), RIG_OE_BUFFER_KB (per-CPU ring buffer, default 4096).
 */
public final class OrderedExtentChecker implements Checker {

    public static final String SUFFIX = ".oe";
    private final Registry registry;
    private TraceInstance trace;
    private Ledger ledger;
    private FsidScope scope;
    private String unavailable;
    private long unparsed;
    private final java.util.Map<Ledger.Key, String> stalled = new java.util.LinkedHashMap<>();
    /** The test's outstanding extents when the runner declared the hang, before its recovery. */
    private java.util.Map<Ledger.Key, String> atHang;

    /** Used by ServiceLoader: claims in the default registry ($RIG_STATE_DIR or /run/rig). */
    public OrderedExtentChecker() {
        this(null);
    }

    public OrderedExtentChecker(Registry registry) {
        this.registry = registry;
    }

    @Override
    public String name() {
        return "oe";
    }

    @Override
    public void start(CheckContext ctx) throws IOException {
        close();
        ledger = new Ledger();
        stalled.clear();
        atHang = null;
        unparsed = 0;
        unavailable = null;
        if (!Files.isDirectory(TraceInstance.TRACING.resolve("events/btrfs"))
                && Files.isDirectory(TraceInstance.TRACING.resolve("instances"))) {
            unavailable = "no btrfs trace events on this kernel (btrfs not loaded)";
            return;
        }
        Registry reg = registry != null ? registry : Registry.open();
        scope = new FsidScope(rig.checkers.scope.TestScope.of(ctx, reg));
        trace = TraceInstance.create(reg, Setting.RIG_OE_BUFFER_KB.number(ctx.config()));
        trace.enable("btrfs", OeEvent.EVENTS);
        if (trace.enabled().isEmpty()) {
            unavailable = "none of the btrfs ordered-extent events exist on this kernel";
        }
        trace.start(this::line);
    }

    private void line(String raw) {
        OeEvent.parse(raw).ifPresentOrElse(e -> {
            scope.seen(e.fsid());
            ledger.accept(e);
        }, () -> {
            if (!raw.isBlank() && !raw.startsWith("#")) {
                unparsed++;
            }
        });
    }

    /** Remembers ordered extents of the test outstanding longer than RIG_OE_STALL seconds. */
    @Override
    public void poll(CheckContext ctx) {
        if (trace == null) {
            return;
        }
        int stall = Setting.RIG_OE_STALL.number(ctx.config());
        double now = monotonicSeconds();
        boolean snapshot = ctx.hung() && atHang == null;
        if (snapshot) {
            atHang = new java.util.LinkedHashMap<>();
        }
        for (Ledger.Entry e : ledger.outstanding()) {
            if (!scope.ours(e.key().fsid())) {
                continue;
            }
            if (snapshot) {
                atHang.put(e.key(), OeReport.hung(e, now) + " (when the runner declared the hang)");
            } else if (now - e.addTime() >= stall) {
                stalled.put(e.key(), OeReport.hung(e, now));
            }
        }
    }

    @Override
    public List<String> finish(CheckContext ctx) throws IOException {
        if (trace == null) {
            write(ctx, List.of("ordered-extent ledger not run: " + unavailable));
            return List.of();
        }
        if (ctx.hung()) {
            poll(ctx);
        } else {
            awaitQuiet(Setting.RIG_OE_GRACE.number(ctx.config()));
        }
        trace.stop();
        long overruns = trace.overruns();
        List<WriteRecord> writes = ExpectationLog.load(ctx.seqres()).map(ExpectationLog::writes).orElse(List.of());
        OeReport report = OeReport.of(ledger, monotonicSeconds(), writes, scope::ours, scope::devicesOf);
        List<String> released = releasedStalls();
        String see = " (see " + seq(ctx) + SUFFIX + ")";
        String suffix = overruns > 0 ? " (ledger incomplete: " + overruns + " events lost;" + see.substring(1) : see;
        List<String> findings = new ArrayList<>();
        if (atHang != null) {
            atHang.values().forEach(h -> findings.add(h + suffix));
        }
        released.forEach(r -> findings.add(r + see));
        report.findings().stream().filter(f -> !hungAtTimeout(f)).forEach(f -> findings.add(f + suffix));

        List<String> text = new ArrayList<>();
        text.add("ordered-extent ledger for " + ctx.id() + ": instance " + trace.dir());
        text.add("events enabled: " + String.join(" ", trace.enabled()));
        text.add("events missing on this kernel: " + (trace.missing().isEmpty() ? "none" : String.join(" ", trace.missing())));
        text.add("events seen: " + ledger.counts() + ", unparsed lines: " + unparsed + ", ring-buffer overruns: "
                + overruns + ", lost removes: " + ledger.inconsistencies());
        text.add("writes in the expectation log: " + writes.size());
        Map<String, Integer> added = ledger.addedByFlags(scope::ours);
        text.add("ordered extents added by flags: " + byFlags(added));
        directPathNote(ctx, added).ifPresent(note -> {
            text.add(note);
            appendFull(ctx, "rig: " + note);
        });
        text.add(findings.isEmpty() ? "result: clean" : "result: " + findings.size() + " finding(s)");
        if (atHang != null) {
            text.addAll(atHang.values());
        }
        text.addAll(released);
        text.addAll(report.text());
        write(ctx, text);
        return findings;
    }

    /**
     * For a test declared {@code directWrites} on btrfs: the note that none of its ordered extents
     * was DIRECT, i.e. btrfs served its direct writes as buffered writes; empty otherwise.
     */
    static java.util.Optional<String> directPathNote(CheckContext ctx, Map<String, Integer> added) {
        boolean btrfs = "btrfs".equals(ctx.config().getOrDefault("FSTYP", rig.config.Configuration.DEFAULT_FSTYP));
        if (!btrfs || !ctx.declaration().directWrites() || added.keySet().stream().anyMatch(f -> f.contains("DIRECT"))) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("no ordered extent of this test carried the DIRECT flag: btrfs served its direct"
                + " writes as buffered writes (data checksums are on; mount -o nodatasum, as the btrfs_nodatasum"
                + " section does, to exercise the direct-I/O path)");
    }

    private static void appendFull(CheckContext ctx, String line) {
        try {
            Files.writeString(Path.of(ctx.seqres() + ".full"), line + "\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the note is also in NNN.oe; a .full that cannot be written is the runner's to report
        }
    }

    /** "DIRECT 12, PREALLOC 1" ("-" stands for no flag: a buffered write); "none". */
    static String byFlags(Map<String, Integer> counts) {
        if (counts.isEmpty()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((flags, n) -> parts.add((flags.equals("-") ? "no flag" : flags) + " " + n));
        return String.join(", ", parts);
    }

    /** A "hung" line of an extent already reported as hung at the timeout. */
    private boolean hungAtTimeout(String finding) {
        return atHang != null && atHang.values().stream()
                .anyMatch(h -> finding.startsWith(h.substring(0, h.indexOf(" len ")) + " len "));
    }

    /** Extents that stalled past RIG_OE_STALL during the test but were removed by its end. */
    private List<String> releasedStalls() {
        java.util.Set<Ledger.Key> still = new java.util.HashSet<>();
        ledger.outstanding().forEach(e -> still.add(e.key()));
        if (atHang != null) {
            still.addAll(atHang.keySet());
        }
        List<String> released = new ArrayList<>();
        stalled.forEach((key, line) -> {
            if (!still.contains(key)) {
                released.add(line.replaceFirst("^hung ordered extent: ", "stalled ordered extent (completed later): "));
            }
        });
        return released;
    }

    /** Waits until no ordered extent of the test's filesystems is outstanding, up to graceSeconds. */
    private void awaitQuiet(int graceSeconds) {
        long deadline = System.nanoTime() + graceSeconds * 1_000_000_000L;
        while (System.nanoTime() < deadline
                && ledger.outstanding().stream().anyMatch(e -> scope.ours(e.key().fsid()))) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The ledger of the current test (for the hang handling and tests). */
    public Ledger ledger() {
        return ledger;
    }

    /** Outstanding ordered extents of the test's filesystems right now, as report lines. */
    public List<String> outstandingNow() {
        if (ledger == null) {
            return List.of();
        }
        double now = monotonicSeconds();
        return ledger.outstanding().stream().filter(e -> scope.ours(e.key().fsid()))
                .map(e -> OeReport.hung(e, now)).toList();
    }

    /** The test's outstanding ordered extents, "root 5 ino 257 [0, 1048576)", with the devices of their filesystems. */
    @Override
    public rig.check.api.HangEvidence hangEvidence() {
        if (ledger == null || scope == null) {
            return rig.check.api.HangEvidence.NONE;
        }
        List<rig.check.api.HangEvidence.Outstanding> out = new ArrayList<>();
        for (Ledger.Entry e : ledger.outstanding()) {
            if (scope.ours(e.key().fsid())) {
                StringBuilder b = new StringBuilder("root " + e.key().root() + " ino " + e.key().ino());
                for (long[] r : e.outstanding()) {
                    b.append(" [").append(r[0]).append(", ").append(r[1]).append(')');
                }
                out.add(new rig.check.api.HangEvidence.Outstanding(b.toString(),
                        List.copyOf(scope.devicesOf(e.key().fsid()))));
            }
        }
        return new rig.check.api.HangEvidence(List.of(), out);
    }

    @Override
    public void close() throws IOException {
        if (trace != null) {
            TraceInstance t = trace;
            trace = null;
            t.close();
        }
    }

    /** The trace clock is "mono": CLOCK_MONOTONIC, which System.nanoTime reads on Linux. */
    static double monotonicSeconds() {
        return System.nanoTime() / 1e9;
    }

    private static void write(CheckContext ctx, List<String> lines) throws IOException {
        Path f = Path.of(ctx.seqres() + SUFFIX);
        if (f.getParent() != null) {
            Files.createDirectories(f.getParent());
        }
        Files.write(f, lines);
    }

    private static String seq(CheckContext ctx) {
        return ctx.seqres().getFileName().toString();
    }


    @Override
    public String toString() {
        return String.format(Locale.ROOT, "OrderedExtentChecker[%s]", trace == null ? "idle" : trace.dir());
    }
}
