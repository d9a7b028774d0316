package rig.triage.log;

/** Receives findings as a scanner recognises them. */
@FunctionalInterface
public interface FindingSink {
    void accept(Finding finding);
}
