package rig.check.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import rig.check.api.CheckContext;
import rig.check.api.Checker;
import rig.check.api.Fstest;

/**
 * The checkers around one test, in the runner process: fresh instances of every
 * {@link Checker} registered with {@link ServiceLoader} ({@code META-INF/services/rig.check.api.Checker}),
 * started before the body, polled about once a second while it runs (also while it hangs),
 * finished and closed after it. A checker that throws is itself a finding.
 */
public final class Checkers {

    /** The context a checker sees; {@code hung} turns true when the runner declares a timeout. */
    public static final class Context implements CheckContext {
        private final String id;
        private final Path seqres;
        private final Map<String, String> config;
        private final Fstest declaration;
        private final List<Long> processRoots;
        private final boolean sharedHost;
        private volatile boolean hung;

        /** {@code lane}: the worker of a -j lane (the host is shared), or null when tests run one at a time. */
        Context(String id, Path seqres, Map<String, String> config, Fstest declaration, Long lane) {
            this.id = id;
            this.seqres = seqres;
            this.config = Map.copyOf(config);
            this.declaration = declaration;
            this.sharedHost = lane != null;
            this.processRoots = lane != null ? List.of(lane) : List.of(ProcessHandle.current().pid());
        }

        @Override public String id() { return id; }
        @Override public Path seqres() { return seqres; }
        @Override public Map<String, String> config() { return config; }
        @Override public Fstest declaration() { return declaration; }
        @Override public boolean hung() { return hung; }
        @Override public List<Long> processRoots() { return processRoots; }
        @Override public boolean sharedHost() { return sharedHost; }

        public void markHung() {
            hung = true;
        }
    }

    private final List<Checker> active = new ArrayList<>();
    private final List<String> findings = new ArrayList<>();

    /** Loads and starts every registered checker; {@code enabled} false loads none (--no-checkers). */
    static Checkers start(Context ctx, boolean enabled) {
        Checkers c = new Checkers();
        if (!enabled) {
            return c;
        }
        for (Checker checker : ServiceLoader.load(Checker.class)) {
            try {
                checker.start(ctx);
                c.active.add(checker);
                rig.sys.Trace.mark(ctx.id() + ": checker " + checker.name() + " started");
            } catch (Exception e) {
                c.findings.add(checker.name() + ": could not start: " + e);
                close(checker, c.findings);
            }
        }
        return c;
    }

    public void poll(Context ctx) {
        for (Checker checker : active) {
            try {
                checker.poll(ctx);
            } catch (Exception e) {
                findings.add(checker.name() + ": poll failed: " + e);
            }
        }
    }

    /** What the running checkers know of a test that may be stuck, merged. */
    public rig.check.api.HangEvidence evidence() {
        rig.check.api.HangEvidence all = rig.check.api.HangEvidence.NONE;
        for (Checker checker : active) {
            try {
                all = all.plus(checker.hangEvidence());
            } catch (RuntimeException e) {
                findings.add(checker.name() + ": hang evidence failed: " + e);
            }
        }
        return all;
    }

    /** Finishes and closes every checker; returns all findings, each prefixed by its checker's name. */
    List<String> finish(Context ctx) {
        for (Checker checker : active) {
            try {
                for (String f : checker.finish(ctx)) {
                    findings.add(checker.name() + ": " + f);
                }
            } catch (Exception e) {
                findings.add(checker.name() + ": finish failed: " + e);
            }
            close(checker, findings);
        }
        active.clear();
        return List.copyOf(findings);
    }

    private static void close(Checker checker, List<String> findings) {
        try {
            checker.close();
        } catch (Exception e) {
            findings.add(checker.name() + ": close failed: " + e);
        }
    }
}
