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
}
