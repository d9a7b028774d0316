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
 * {@code --config}, else {@code $HOST_OPTIONS}, else {@code <rig home>/local.config}; with none
 * of them and no device in the environment, the embedded default (FSTYP=btrfs on rig-owned
 * devices). Environment variables in {@link #OVERRIDES} win over every section's value.
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
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("FSTYP", DEFAULT_FSTYP);
        boolean devicesGiven = environment.apply("TEST_DEV") != null || environment.apply("SCRATCH_DEV") != null;
        List<Section> one = withOverrides(List.of(new Section(Section.UNNAMED, vars, false)), environment);
        return new Configuration(one, !devicesGiven, Optional.empty());
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
