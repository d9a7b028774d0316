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
    private static final java.util.List<String[]> ROWS = load();
    private static final Map<String, String> PACKAGES = ROWS.stream()
            .collect(java.util.stream.Collectors.toMap(c -> c[0], c -> c[1], (a, b) -> a, LinkedHashMap::new));

    private Tools() {
    }

    /** The Debian package of {@code program} (a name or a path), if the table knows it. */
    public static Optional<String> packageOf(String program) {
        String name = program.substring(program.lastIndexOf('/') + 1);
        return Optional.ofNullable(PACKAGES.get(name));
    }

    /** The Debian packages of the programs {@code group} needs ("check": what every ./check runs), each once, in table order. */
    public static java.util.List<String> packagesFor(String group) {
        return ROWS.stream().filter(c -> c.length > 2 && c[2].equals(group)).map(c -> c[1]).distinct().toList();
    }

    private static java.util.List<String[]> load() {
        try (InputStream in = Tools.class.getResourceAsStream("/rig/sys/tools.tsv")) {
            if (in == null) {
                throw new IllegalStateException("rig/sys/tools.tsv is missing from the classpath; rebuild the os module");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> l.split("\t")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
