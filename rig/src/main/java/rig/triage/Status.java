package rig.triage;

/** How a signature compares with what is already known (known-signature table or --baseline). */
public enum Status {
    /** Not in the baseline and not in the known table: fails the triage (exit 1). */
    NEW,
    /** In the baseline, or matched by the known-signature table (a fix or a link is recorded). */
    KNOWN,
    /** Recorded as expected (e.g. I/O errors under fault injection) or informational (not run). */
    EXPECTED,
    /** In the baseline but not seen in this input. */
    FIXED
}
