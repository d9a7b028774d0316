package rig.triage.input;

import rig.triage.log.Finding;
import rig.triage.signature.Scope;

/** Receives findings with where they were seen. */
@FunctionalInterface
public interface ScopedSink {
    void accept(Scope scope, Finding finding);
}
