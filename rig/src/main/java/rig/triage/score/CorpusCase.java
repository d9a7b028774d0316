package rig.triage.score;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One file of a corpus in syzkaller's report-parser testdata format: header lines up to the first empty
 * line ({@code TITLE:}, {@code TYPE:}, {@code CORRUPTED: Y}, {@code SUPPRESSED: Y}, ...; {@code #} lines are
 * comments), then the console log up to a {@code REPORT:} line that follows an empty line.
 *
 * @param name      the file's name
 * @param title     the expected title, "" when the log holds no report
 * @param type      the expected crash type ("" when the file gives none)
 * @param corrupted the report is expected to be corrupted (its culprit is not scored)
 * @param suppressed the report is expected to be suppressed (its culprit is not scored)
 * @param log       the console log
 */
public record CorpusCase(String name, String title, String type, boolean corrupted, boolean suppressed, String log) {

    /** The culprit syzkaller's title names: the function after its last " in ", or "". */
    public String culprit() {
        return java.util.Objects.requireNonNullElse(rig.triage.oops.OopsReport.culpritOf(title), "");
    }

    public boolean expectsReport() {
        return !title.isEmpty();
    }

    static CorpusCase read(Path file) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).replace("\r", "");
        String title = "";
        String type = "";
        boolean corrupted = false;
        boolean suppressed = false;
        int pos = 0;
        while (pos < text.length()) {
            int nl = text.indexOf('\n', pos);
            String line = text.substring(pos, nl < 0 ? text.length() : nl);
            pos = nl < 0 ? text.length() : nl + 1;
            if (line.isEmpty()) {
                break;
            }
            if (line.startsWith("TITLE:")) {
                title = line.substring(6).strip();
            } else if (line.startsWith("TYPE:")) {
                type = line.substring(5).strip();
            } else if (line.startsWith("CORRUPTED:")) {
                corrupted = line.substring(10).strip().equals("Y");
            } else if (line.startsWith("SUPPRESSED:")) {
                suppressed = line.substring(11).strip().equals("Y");
            }
        }
        String log = text.substring(pos);
        int report = log.indexOf("\n\nREPORT:\n");
        if (report >= 0) {
            log = log.substring(0, report + 1);
        } else if (log.startsWith("\nREPORT:\n")) {
            log = "";
        }
        return new CorpusCase(file.getFileName().toString(), title, type, corrupted, suppressed, log);
    }
}
