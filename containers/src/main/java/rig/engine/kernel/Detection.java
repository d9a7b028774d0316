package rig.engine.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import rig.results.FailureKind;
import rig.results.Status;
import rig.results.Verdict;

/** What one test did on one kernel, as the detection matrix shows it: its verdict and the signs of its failure. */
record Detection(Status status, Set<Sign> signs) {

    /**
     * How a failure shows: a gap the verifier found, a hang (or a task blocked past the threshold),
     * a transcript that differs, a kernel-log report, an ordered extent the ledger faults (hung,
     * stalled, a gap in the making), a filesystem check that fails; other: none of these (the
     * worker died, the test threw).
     */
    enum Sign {
        GAPS("gaps"), HUNG("hung"), MISMATCH("mismatch"), KMSG("kmsg"), OE("oe"), FSCK("fsck"), OTHER("other");

        private final String word;

        Sign(String word) {
            this.word = word;
        }

        String word() {
            return word;
        }

        static Sign parse(String word, Path from) throws BadBuildException {
            for (Sign s : values()) {
                if (s.word.equals(word)) {
                    return s;
                }
            }
            throw new BadBuildException(from + ": unknown signature " + word + "; use one of " + words());
        }

        /** "gaps, hung, ...": the words a Rig-Expect line may use. */
        static String words() {
            return String.join(", ", java.util.Arrays.stream(values()).map(Sign::word).toList());
        }
    }

    static final Detection MISSING = new Detection(null, Set.of());

    /** The verdict in {@code seqres}.outcome and the checker findings in its .full. */
    static Detection of(Path seqres) throws IOException {
        Optional<Verdict> v = Verdict.read(seqres);
        if (v.isEmpty()) {
            return MISSING;
        }
        Set<Sign> signs = EnumSet.noneOf(Sign.class);
        FailureKind kind = v.get().failure();
        if (kind == FailureKind.HUNG || kind == FailureKind.TIMED_OUT) {
            signs.add(Sign.HUNG);
        }
        if (kind == FailureKind.OUTPUT_MISMATCH) {
            signs.add(Sign.MISMATCH);
        }
        String message = v.get().message() == null ? "" : v.get().message();
        Path full = Path.of(seqres + ".full");
        String findings = Files.isRegularFile(full) ? Files.readString(full) : "";
        if (message.contains("gaps: ") || findings.contains("checker finding: gaps: ")) {
            signs.add(Sign.GAPS);
        }
        if (message.contains("kernel log: ") || findings.contains("checker finding: dmesg: ")) {
            signs.add(Sign.KMSG);
        }
        if (message.contains("oe: ") || findings.contains("checker finding: oe: ")) {
            signs.add(Sign.OE);
        }
        if (findings.contains("checker finding: blocked: ")) {
            signs.add(Sign.HUNG);
        }
        if (message.contains("fsck: ") || findings.contains("checker finding: fsck: ")) {
            signs.add(Sign.FSCK);
        }
        if (v.get().status() == Status.FAIL && signs.isEmpty()) {
            signs.add(Sign.OTHER);
        }
        return new Detection(v.get().status(), signs);
    }

    /** "pass", "notrun", "FAIL gaps+mismatch", "-" (no verdict). */
    String cell() {
        if (status == null) {
            return "-";
        }
        if (status != Status.FAIL) {
            return status.name().toLowerCase(java.util.Locale.ROOT);
        }
        return "FAIL " + how();
    }

    /** "gaps+mismatch": how a failure showed. */
    String how() {
        return String.join("+", signs.stream().map(Sign::word).toList());
    }
}
