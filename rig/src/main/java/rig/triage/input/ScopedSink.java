package rig.triage.input;

import rig.triage.log.Finding;
import rig.triage.signature.Scope;

/** Receives findings with where they were seen, and the run's verdict on tests where the input has one. */
@FunctionalInterface
public interface ScopedSink {
    void accept(Scope scope, Finding finding);

    /** The run judged {@code scope.test()} passed (result.xml, check.log); its files' findings were expected. */
    default void passed(Scope scope) {
    }

    /**
     * A finding of the test's kernel log that the test declared expected ({@code NNN.dmesg.expected},
     * {@code @Fstest(expectedKernelLog)}). Without an override it is an ordinary finding.
     */
    default void declared(Scope scope, Finding finding) {
        accept(scope, finding);
    }
}
