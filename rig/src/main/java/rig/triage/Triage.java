package rig.triage;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import rig.triage.input.InputReader;
import rig.triage.input.ScopedSink;
import rig.triage.known.Baseline;
import rig.triage.known.KnownSignatures;
import rig.triage.log.Finding;
import rig.triage.signature.Aggregator;
import rig.triage.signature.Scope;

/**
 * Triage of failure logs into named signatures. Typical use:
 * <pre>{@code
 * TriageResult r = Triage.withDefaults().baseline(Baseline.load(file)).run(List.of(Path.of("results")));
 * }</pre>
 * Not thread-safe; one instance per run.
 */
public final class Triage {
    private KnownSignatures known = KnownSignatures.defaults();
    private Baseline baseline;
    private final Aggregator aggregator = new Aggregator();
    private final InputReader reader = new InputReader(new ScopedSink() {
        @Override
        public void accept(Scope scope, Finding finding) {
            aggregator.add(scope, finding);
        }

        @Override
        public void passed(Scope scope) {
            aggregator.passed(scope);
        }

        @Override
        public void declared(Scope scope, Finding finding) {
            aggregator.declared(scope, finding);
        }
    });

    private Triage() {
    }

    /** The shipped known-signature table, no baseline. */
    public static Triage withDefaults() {
        return new Triage();
    }

    /** Rows tried before the shipped table. */
    public Triage known(KnownSignatures extra) {
        this.known = extra.plus(KnownSignatures.defaults());
        return this;
    }

    /** Labels signatures NEW / KNOWN / FIXED against a baseline. */
    public Triage baseline(Baseline b) {
        this.baseline = b;
        return this;
    }

    /** Reads results directories and files; "-" reads {@code stdin}. */
    public TriageResult run(List<String> inputs, InputStream stdin) throws UnreadableInputException {
        if (inputs.isEmpty()) {
            reader.readStream(stdin, "<stdin>");
        }
        for (String in : inputs) {
            if ("-".equals(in)) {
                reader.readStream(stdin, "<stdin>");
            } else {
                reader.readPath(Path.of(in));
            }
        }
        return result();
    }

    /** Reads one path (directory or file). */
    public TriageResult run(Path input) throws UnreadableInputException {
        reader.readPath(input);
        return result();
    }

    private TriageResult result() {
        return new TriageResult(aggregator.signatures(known, baseline), List.copyOf(reader.warnings()), reader.filesRead());
    }
}
