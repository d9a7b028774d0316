package rig.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What one shard of a sharded run was to do in a configuration, saved as {@code shard.json} in its
 * results directory when the section starts and again, {@code finished}, when it ends: a merge can
 * then tell a missing shard (no file) and a crashed one (not finished, or tests without results).
 */
public record ShardRecord(int index, int count, List<String> tests, boolean finished) {

    public static final String FILE = "shard.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    public void write(Path resultsDir) throws IOException {
        Files.createDirectories(resultsDir);
        AtomicFiles.write(resultsDir.resolve(FILE), JSON.writeValueAsString(this) + "\n");
    }

    public static Optional<ShardRecord> read(Path resultsDir) throws IOException {
        Path f = resultsDir.resolve(FILE);
        return Files.isRegularFile(f) ? Optional.of(JSON.readValue(f.toFile(), ShardRecord.class)) : Optional.empty();
    }

    /** "2/3". */
    public String label() {
        return index + "/" + count;
    }
}
