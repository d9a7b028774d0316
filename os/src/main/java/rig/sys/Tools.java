package rig.sys;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The programs the rig runs and their Debian packages: {@code rig/sys/tools.tsv}, which bin/setup reads too. */
public final class Tools {
    private static final Map<String, String> PACKAGES = load();

    private Tools() {
    }

    /** The Debian package of {@code program} (a name or a path), if the table knows it. */
    public static Optional<String> packageOf(String program) {
        String name = program.substring(program.lastIndexOf('/') + 1);
        return Optional.ofNullable(PACKAGES.get(name));
    }

    private static Map<String, String> load() {
        Map<String, String> m = new LinkedHashMap<>();
        try (InputStream in = Tools.class.getResourceAsStream("/rig/sys/tools.tsv")) {
            if (in == null) {
                throw new IllegalStateException("rig/sys/tools.tsv is missing from the classpath; rebuild the os module");
            }
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> l.split("\t"))
                    .forEach(c -> m.put(c[0], c[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(m);
    }
}
