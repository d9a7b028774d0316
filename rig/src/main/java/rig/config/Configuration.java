package rig.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The run's configuration: the sections to run, each with its variables. Read from
 * {@code --config}, else {@code $HOST_OPTIONS}, else {@code <rig home>/local.config}, else
 * {@code configs/$HOST.config} (fstests' known_hosts); with none of them and no device in the
 * environment, the embedded default: [btrfs] and [btrfs_nodatasum] on rig-owned devices.
 * Environment variables in {@link #OVERRIDES} win over every section's value.
 */
public record Configuration(List<Section> sections, boolean embeddedDefault, Optional<Path> source) {

    /** Variables the environment overrides, as fstests users expect. */
    public static final List<String> OVERRIDES = List.of("FSTYP", "TEST_DEV", "TEST_DIR", "SCRATCH_DEV",
            "SCRATCH_MNT", "MKFS_OPTIONS", "MOUNT_OPTIONS", "RESULT_BASE", "DIFF_LENGTH", "TEST_FS_MOUNT_OPTS",
            "LOGWRITES_DEV", "SCRATCH_LOGDEV", "TEST_LOGDEV");

    public static final String DEFAULT_FSTYP = "btrfs";

    /**
     * Loads the configuration. {@code explicit} is {@code --config} (may be null), {@code home}
     * the rig's directory (where local.config lives).
     */
    public static Configuration load(Path explicit, Path home, Function<String, String> environment) {
        Path file = explicit;
        if (file == null) {
            String hostOptions = environment.apply("HOST_OPTIONS");
            if (hostOptions != null && !hostOptions.isBlank()) {
                file = Path.of(hostOptions);
            } else if (Files.isRegularFile(home.resolve("local.config"))) {
                file = home.resolve("local.config");
            } else {
                file = knownHost(home, environment).orElse(null);
            }
        }
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new UserInputException("configuration file " + file + " does not exist; "
                        + "fix --config or HOST_OPTIONS, or remove it to use the embedded default");
            }
            String text;
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                throw new UserInputException("cannot read configuration file " + file + ": " + e.getMessage());
            }
            List<Section> parsed = ConfigFile.parse(text, file.toString(), environment);
            return new Configuration(withOverrides(parsed, environment), false, Optional.of(file));
        }
        boolean devicesGiven = environment.apply("TEST_DEV") != null || environment.apply("SCRATCH_DEV") != null;
        if (devicesGiven) {
            Map<String, String> vars = new LinkedHashMap<>();
            vars.put("FSTYP", DEFAULT_FSTYP);
            return new Configuration(withOverrides(List.of(new Section(Section.UNNAMED, vars, false)), environment),
                    false, Optional.empty());
        }
        return new Configuration(withOverrides(embeddedDefault(environment), environment), true, Optional.empty());
    }

    /**
     * The embedded default ({@code rig/config/default.config}): [btrfs] and [btrfs_nodatasum] on
     * rig-owned devices. FSTYP or MOUNT_OPTIONS in the environment leave one section, named after
     * the FSTYP, since the others' options belong to btrfs.
     */
    static List<Section> embeddedDefault(Function<String, String> environment) {
        String text;
        try (var in = Configuration.class.getResourceAsStream("/rig/config/default.config")) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the embedded default configuration is missing from the build", e);
        }
        List<Section> sections = ConfigFile.parse(text, "embedded default", environment);
        String fstyp = environment.apply("FSTYP");
        if (fstyp == null && environment.apply("MOUNT_OPTIONS") == null) {
            return sections;
        }
        String name = fstyp == null ? DEFAULT_FSTYP : fstyp;
        return List.of(new Section(name, sections.get(0).vars(), true));
    }

    /**
     * common/config's known_hosts, when there is no local.config: {@code configs/$HOST.config},
     * else {@code configs/$HOST}, else /etc/xfsqa.config; $HOST_CONFIG_DIR replaces configs/ and
     * $HOST is the short host name.
     */
    static Optional<Path> knownHost(Path home, Function<String, String> environment) {
        String dir = environment.apply("HOST_CONFIG_DIR");
        Path configs = dir == null || dir.isBlank() ? home.resolve("configs") : Path.of(dir);
        String host = shortHostName();
        for (Path candidate : List.of(configs.resolve(host + ".config"), configs.resolve(host), Path.of("/etc/xfsqa.config"))) {
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static String shortHostName() {
        try {
            String h = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            int dot = h.indexOf('.');
            return dot > 0 ? h.substring(0, dot) : h;
        } catch (IOException e) {
            return "localhost";
        }
    }

    private static List<Section> withOverrides(List<Section> sections, Function<String, String> environment) {
        List<Section> out = new ArrayList<>();
        for (Section s : sections) {
            Map<String, String> vars = new LinkedHashMap<>(s.vars());
            for (String name : OVERRIDES) {
                String v = environment.apply(name);
                if (v != null) {
                    vars.put(name, v);
                }
            }
            for (String name : Setting.names()) { // the rig's knobs: one way in, the environment winning
                String v = environment.apply(name);
                if (v != null) {
                    vars.put(name, v);
                }
            }
            out.add(new Section(s.name(), vars, s.named()));
        }
        return out;
    }

    /**
     * The sections to run: those named by {@code -s} (all when empty) minus those named by
     * {@code -S}, in configuration order. Unknown names are an error.
     */
    public List<Section> select(Set<String> include, Set<String> exclude) {
        for (String name : concat(include, exclude)) {
            if (sections.stream().noneMatch(s -> s.name().equals(name))) {
                throw new UserInputException("no section [" + name + "] in "
                        + source.map(Path::toString).orElse("the configuration")
                        + "; sections are: " + String.join(" ", sections.stream().map(Section::name).toList()));
            }
        }
        List<Section> chosen = sections.stream()
                .filter(s -> include.isEmpty() || include.contains(s.name()))
                .filter(s -> !exclude.contains(s.name()))
                .toList();
        if (chosen.isEmpty()) {
            throw new UserInputException("-s/-S leave no section to run; sections are: "
                    + String.join(" ", sections.stream().map(Section::name).toList()));
        }
        return chosen;
    }

    private static List<String> concat(Set<String> a, Set<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
