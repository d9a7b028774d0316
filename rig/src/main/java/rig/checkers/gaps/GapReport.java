package rig.checkers.gaps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The verifier's findings: empty when every acknowledged byte came back. */
public record GapReport(List<GapFinding> findings, int files, long bytesChecked) {

    public static final String SUFFIX = ".gaps";

    /** The report when the files could not be read back at all ({@code why}: the I/O error). */
    public static GapReport unreadable(String why) {
        return new GapReport(List.of(new GapFinding(GapFinding.Kind.NOT_VERIFIED, "", 0, 0, "", why)), 0, 0);
    }

    public boolean clean() {
        return findings.isEmpty();
    }

    /** One line per finding, e.g. "zero-filled gap at [1048576, 2097152) in dst: hole in FIEMAP". */
    public List<String> lines() {
        return findings.stream().map(GapFinding::line).toList();
    }

    public String text() {
        List<String> out = new ArrayList<>();
        out.add("gap verifier: " + files + " file(s), " + bytesChecked + " bytes expected, "
                + findings.size() + " finding(s)");
        findings.forEach(f -> out.add(f.detail()));
        return String.join("\n", out) + "\n";
    }

    /** Writes {@link #text()} to {@code seqres + ".gaps"}; returns that path. */
    public Path write(Path seqres) throws IOException {
        Path f = Path.of(seqres + SUFFIX);
        if (f.getParent() != null) {
            Files.createDirectories(f.getParent());
        }
        Files.writeString(f, text());
        return f;
    }
}
