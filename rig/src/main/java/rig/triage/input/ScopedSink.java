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
}
