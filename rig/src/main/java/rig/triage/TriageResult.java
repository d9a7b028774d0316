package rig.triage;

import java.util.List;

/**
 * What triage found.
 *
 * @param signatures deduplicated signatures, NEW first
 * @param warnings   files inside a directory that could not be read (the rest was)
 * @param filesRead  input files (or streams) read
 */
public record TriageResult(List<Signature> signatures, List<String> warnings, int filesRead) {
    /** 1 when a NEW signature was found, else 0 (unreadable input never gets this far: exit 2). */
    public int exitStatus() {
        return signatures.stream().anyMatch(s -> s.status() == Status.NEW) ? 1 : 0;
    }

    public long count(Status status) {
        return signatures.stream().filter(s -> s.status() == status).count();
    }
}
