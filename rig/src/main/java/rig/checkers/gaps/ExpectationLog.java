package rig.checkers.gaps;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * What a test wrote and what each write call returned, in call order, so that a verifier can
 * say which bytes the filesystem owes after a remount, and the ordered-extent ledger can tell a
 * "gap in the making" (an IOERR ordered extent over acknowledged bytes). Kept in memory and,
 * when given a seqres, appended to {@code NNN.expect} as JSON lines (one object per call), which
 * is how the checkers in the runner process read it.
 *
 * <pre>
 * ExpectationLog log = ExpectationLog.create(env.seqres());
 * log.staleDevicePattern(Pattern.fill(0xcd));          // optional: what old device content looks like
 * long n = pwrite(fd, buf, len, off);                   // write Pattern.seeded(7) bytes
 * log.record(file, off, len, Pattern.seeded(7), n &lt; 0 ? -errno : n);
 * </pre>
 */
public final class ExpectationLog {

    public static final String SUFFIX = ".expect";
    private static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    /** One JSON line: a write, the declaration of the stale device pattern, or a verifier's report. */
    record Line(WriteRecord write, String staleDevicePattern, GapReport verified) {
    }

    private final Path file;
    private final List<WriteRecord> writes = new ArrayList<>();
    private Pattern stale;
    private final List<GapReport> verified = new ArrayList<>();

    private ExpectationLog(Path file) {
        this.file = file;
    }

    /** A log kept in memory only. */
    public static ExpectationLog inMemory() {
        return new ExpectationLog(null);
    }

    /** A log also written to {@code seqres + ".expect"} (replacing an older one). */
    public static ExpectationLog create(Path seqres) {
        Path f = Path.of(seqres + SUFFIX);
        try {
            if (f.getParent() != null) {
                Files.createDirectories(f.getParent());
            }
            Files.deleteIfExists(f);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the expectation log " + f, e);
        }
        return new ExpectationLog(f);
    }

    /** The log a test left at {@code seqres + ".expect"}, if any. */
    public static Optional<ExpectationLog> load(Path seqres) throws IOException {
        Path f = Path.of(seqres + SUFFIX);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        ExpectationLog log = new ExpectationLog(null);
        for (String text : Files.readAllLines(f, StandardCharsets.UTF_8)) {
            if (text.isBlank()) {
                continue;
            }
            Line line = JSON.readValue(text, Line.class);
            if (line.write() != null) {
                log.writes.add(line.write());
            }
            if (line.staleDevicePattern() != null) {
                log.stale = Pattern.parse(line.staleDevicePattern());
            }
            if (line.verified() != null) {
                log.verified.add(line.verified());
            }
        }
        return Optional.of(log);
    }

    /** Declares what the device held before the test wrote (e.g. a pre-fill pattern). */
    public synchronized ExpectationLog staleDevicePattern(Pattern pattern) {
        stale = pattern;
        append(new Line(null, pattern.spec(), null));
        return this;
    }

    /**
     * Records one write call. {@code result} is what the call returned: bytes written, or
     * -errno when it failed. The file must exist (its inode number is recorded).
     */
    public synchronized WriteRecord record(Path path, long offset, long length, Pattern pattern, long result) {
        long ino;
        try {
            ino = ((Number) Files.getAttribute(path, "unix:ino")).longValue();
        } catch (IOException | UnsupportedOperationException e) {
            ino = -1;
        }
        WriteRecord w = new WriteRecord(path.toAbsolutePath().toString(), ino, offset, length, pattern.spec(), result);
        writes.add(w);
        append(new Line(w, null, null));
        return w;
    }

    /**
     * Records the verifier's report at the point the test owed its writes (after its remount):
     * the {@link GapChecker} fails the test on each finding, whatever its transcript says.
     */
    public synchronized void verified(GapReport report) {
        verified.add(report);
        append(new Line(null, null, report));
    }

    /** The reports recorded with {@link #verified}, in order. */
    public synchronized List<GapReport> verifications() {
        return List.copyOf(verified);
    }

    public synchronized List<WriteRecord> writes() {
        return Collections.unmodifiableList(new ArrayList<>(writes));
    }

    public synchronized Optional<Pattern> staleDevicePattern() {
        return Optional.ofNullable(stale);
    }

    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    private void append(Line line) {
        if (file == null) {
            return;
        }
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            out.write(JSON.writeValueAsString(line));
            out.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the expectation log " + file, e);
        }
    }
}
