package rig.checkers.kmsg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import rig.check.api.CheckContext;
import rig.check.api.Checker;

/**
 * The kernel log of each test: the /dev/kmsg window between the start and end markers, saved as
 * NNN.dmesg; a WARNING, BUG, Oops, hung-task report, lockdep splat, KASAN, UBSAN or general
 * protection fault fails the test unless it matches one of the test's expectedKernelLog regexes. Those
 * regexes are saved beside it as NNN.dmesg.expected ({@link ExpectedKernelLog}) for rig triage.
 */
public final class KernelLogChecker implements Checker {

    public static final String SUFFIX = ".dmesg";
    private static final int MAX_LINES = 5;
    private KmsgWindow window;
    /** The test's devices, noted while it runs (only under -j, where windows overlap). */
    private rig.checkers.scope.TestScope scope;

    @Override
    public String name() {
        return "dmesg";
    }

    @Override
    public void start(CheckContext ctx) throws IOException {
        close();
        window = KmsgWindow.open(ctx.id());
        scope = ctx.sharedHost() ? rig.checkers.scope.TestScope.of(ctx, rig.devices.own.Registry.open()) : null;
    }

    @Override
    public void poll(CheckContext ctx) throws IOException {
        if (window != null) {
            window.drain();
        }
        if (scope != null) {
            scope.refresh();
        }
    }

    @Override
    public List<String> finish(CheckContext ctx) throws IOException {
        if (window == null) {
            return List.of();
        }
        List<KmsgRecord> records = window.end(3000);
        if (scope != null) {
            scope.refresh();
            records = SharedHostFilter.ours(records, scope.devices(), scope::otherLanesTask);
        }
        List<String> lines = records.stream().map(KmsgRecord::message).toList();
        List<String> out = new ArrayList<>(records.stream().map(KmsgRecord::dmesgLine).toList());
        if (!window.sawStart()) {
            out.add(0, "rig: the start marker never came back from /dev/kmsg; the window is empty");
        }
        if (!window.sawEnd()) {
            out.add("rig: the end marker did not come back within 3 s; the window may be cut short");
        }
        if (window.lost() > 0) {
            out.add("rig: " + window.lost() + " kernel log records were overwritten before they were read");
        }
        Path f = Path.of(ctx.seqres() + SUFFIX);
        if (f.getParent() != null) {
            Files.createDirectories(f.getParent());
        }
        Files.write(f, out);
        ExpectedKernelLog declared = ExpectedKernelLog.of(ctx.declaration() == null ? new String[0]
                : ctx.declaration().expectedKernelLog());
        declared.write(ctx.seqres(), ctx.id(), lines);
        List<String> bad = declared.rules().failures(lines);
        List<String> findings = new ArrayList<>();
        String seq = ctx.seqres().getFileName() + SUFFIX;
        for (String line : bad.subList(0, Math.min(MAX_LINES, bad.size()))) {
            findings.add("kernel log: " + line + " (see " + seq + ")");
        }
        if (bad.size() > MAX_LINES) {
            findings.add("kernel log: " + (bad.size() - MAX_LINES) + " more unexpected messages (see " + seq + ")");
        }
        return findings;
    }

    @Override
    public void close() {
        if (window != null) {
            window.close();
            window = null;
        }
    }
}
