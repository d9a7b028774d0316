package rig.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * fstests' {@code check.time}: one "suite/NNN seconds" line per test that passed, read at start
 * so that the next run prints "generic/250 3s ... 2s", rewritten after each passing test.
 */
public final class CheckTime {

    private final Path file;
    private final Map<String, Long> seconds = new TreeMap<>();

    private CheckTime(Path file) {
        this.file = file;
    }

    public static CheckTime load(Path file) {
        CheckTime t = new CheckTime(file);
        if (Files.isRegularFile(file)) {
            try {
                for (String line : Files.readAllLines(file)) {
                    String[] f = line.strip().split("\\s+");
                    if (f.length == 2 && f[1].matches("\\d+")) {
                        t.seconds.put(f[0], Long.parseLong(f[1]));
                    }
                }
            } catch (IOException e) {
                // a damaged check.time only loses the previous timings
            }
        }
        return t;
    }

    public OptionalLong previous(String id) {
        Long s = seconds.get(id);
        return s == null ? OptionalLong.empty() : OptionalLong.of(s);
    }

    public void record(String id, long secs) throws IOException {
        seconds.put(id, secs);
        StringBuilder out = new StringBuilder();
        seconds.forEach((k, v) -> out.append(k).append(' ').append(v).append('\n'));
        AtomicFiles.write(file, out.toString());
    }
}
