package rig.triage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The rule tables shipped in the rig jar (messages, culprit rules, known signatures). */
public final class ShippedTables {

    private ShippedTables() {
    }

    /** The UTF-8 lines of {@code resource} (an absolute classpath name like "/rig/triage/messages.tsv"). */
    public static List<String> lines(String resource) {
        try (InputStream in = ShippedTables.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath; rebuild the rig module");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + resource, e);
        }
    }

    /** A data row of a tab-separated table: its 1-based line number and its columns. */
    public record Row(int line, String[] columns) {
    }

    /** The data rows of a tab-separated table's {@code lines}: blank lines and # comments left out. */
    public static List<Row> rows(List<String> lines) {
        List<Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.isBlank() && !line.startsWith("#")) {
                rows.add(new Row(i + 1, line.split("\t")));
            }
        }
        return rows;
    }
}
