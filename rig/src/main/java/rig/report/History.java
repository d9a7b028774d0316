package rig.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import rig.results.Verdict;

/**
 * {@code NNN.history}: every verdict a test got in one configuration when a merge was given it
 * more than once (reruns, iterations, the same shard twice), one JSON line each, oldest first;
 * a report shows a test that both passed and failed as flaky, with its fail %.
 */
final class History {
    static final String SUFFIX = ".history";
    private static final ObjectMapper JSON = new ObjectMapper();

    private History() {
    }

    static void write(Path seqres, List<Verdict> verdicts) throws IOException {
        StringBuilder b = new StringBuilder();
        for (Verdict v : verdicts) {
            b.append(JSON.writeValueAsString(v)).append('\n');
        }
        Files.createDirectories(seqres.getParent());
        Files.writeString(Path.of(seqres + SUFFIX), b);
    }

    /** The verdicts of {@code seqres + ".history"}; empty when the test ran once. */
    static List<Verdict> read(Path seqres) throws IOException {
        Path f = Path.of(seqres + SUFFIX);
        List<Verdict> out = new ArrayList<>();
        if (Files.isRegularFile(f)) {
            for (String line : Files.readAllLines(f)) {
                if (!line.isBlank()) {
                    out.add(JSON.readValue(line, Verdict.class));
                }
            }
        }
        return out;
    }
}
