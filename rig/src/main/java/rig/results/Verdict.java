package rig.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The runner's verdict on one test as a typed record, saved as {@code NNN.outcome} (JSON) beside
 * the test's other results, so that triage reads what the runner decided (a hang and its culprit
 * function, a timeout, an output mismatch) instead of parsing the runner's words back.
 */
public record Verdict(String id, Status status, FailureKind failure, String culprit, String message, long seconds,
                      String diff) {

    public static final String SUFFIX = ".outcome";
    private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

    public static Verdict of(TestResult r) {
        return new Verdict(r.id(), r.status(), r.failure(), r.culprit(), r.message(), r.seconds(), r.diff());
    }

    /** Writes {@code seqres + ".outcome"}. */
    public void write(Path seqres) throws IOException {
        AtomicFiles.write(Path.of(seqres + SUFFIX), JSON.writeValueAsString(this) + "\n");
    }

    /** The verdict saved at {@code seqres + ".outcome"}, if the rig wrote one. */
    public static Optional<Verdict> read(Path seqres) throws IOException {
        Path f = Path.of(seqres + SUFFIX);
        return Files.isRegularFile(f) ? Optional.of(JSON.readValue(f.toFile(), Verdict.class)) : Optional.empty();
    }
}
