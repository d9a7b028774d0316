package rig.engine.vm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Debian mirror apt uses on this host, for debootstrap: the first {@code URIs:} of a deb822
 * {@code .sources} file that serves the suite, else the first matching {@code deb} line of a
 * one-line {@code .list} file.
 */
public final class AptMirror {

    static final String DEFAULT = "http://deb.debian.org/debian";
    private static final Path SOURCES = Path.of("/etc/apt/sources.list");
    private static final Path SOURCES_D = Path.of("/etc/apt/sources.list.d");

    private AptMirror() {
    }

    public static String find() throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isRegularFile(SOURCES)) {
            files.add(SOURCES);
        }
        if (Files.isDirectory(SOURCES_D)) {
            try (Stream<Path> s = Files.list(SOURCES_D)) {
                s.filter(p -> p.toString().endsWith(".sources") || p.toString().endsWith(".list")).sorted()
                        .forEach(files::add);
            }
        }
        for (Path f : files) {
            String text = Files.readString(f);
            Optional<String> m = f.toString().endsWith(".sources") ? fromDeb822(text, GuestImage.SUITE)
                    : fromOneLine(text, GuestImage.SUITE);
            if (m.isPresent()) {
                return m.get();
            }
        }
        return DEFAULT;
    }

    /** deb822 stanzas (blank-line separated): Types has deb, Suites has {@code suite}, URIs gives the mirror. */
    static Optional<String> fromDeb822(String text, String suite) {
        for (String stanza : text.split("\\n\\s*\\n")) {
            String types = field(stanza, "Types");
            String suites = field(stanza, "Suites");
            String uris = field(stanza, "URIs");
            boolean enabled = !field(stanza, "Enabled").equalsIgnoreCase("no");
            if (enabled && List.of(types.split("\\s+")).contains("deb") && List.of(suites.split("\\s+")).contains(suite)
                    && !uris.isBlank()) {
                return Optional.of(uris.split("\\s+")[0]);
            }
        }
        return Optional.empty();
    }

    /** "deb [options] URI suite components" lines. */
    static Optional<String> fromOneLine(String text, String suite) {
        for (String line : text.lines().map(String::strip).toList()) {
            String l = line.replaceAll("\\[[^]]*]", " ").strip();
            String[] f = l.split("\\s+");
            if (f.length >= 3 && f[0].equals("deb") && f[2].equals(suite)) {
                return Optional.of(f[1]);
            }
        }
        return Optional.empty();
    }

    private static String field(String stanza, String name) {
        for (String line : stanza.lines().toList()) {
            if (!line.startsWith("#") && line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                return line.substring(name.length() + 1).strip();
            }
        }
        return "";
    }
}
