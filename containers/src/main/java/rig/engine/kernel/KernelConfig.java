package rig.engine.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A kernel configuration in Kconfig's text form ({@code .config}, a fragment, /proc/config.gz):
 * each option's value, "n" for "# CONFIG_X is not set".
 */
public record KernelConfig(Map<String, String> options) {

    private static final Pattern SET = Pattern.compile("^(CONFIG_\\w+)=(.*)$");
    private static final Pattern UNSET = Pattern.compile("^# (CONFIG_\\w+) is not set$");

    public KernelConfig {
        options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options)); // in the file's order
    }

    public static KernelConfig parse(String text) {
        Map<String, String> o = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            Matcher m = SET.matcher(line.strip());
            if (m.matches()) {
                o.put(m.group(1), m.group(2));
                continue;
            }
            m = UNSET.matcher(line.strip());
            if (m.matches()) {
                o.put(m.group(1), "n");
            }
        }
        return new KernelConfig(o);
    }

    public static KernelConfig read(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    public static final String GUEST_FRAGMENT = "/rig/kernel/guest.config";
    private static final String OWN_BUILDS_ONLY = "# --- the rig's own builds only";

    /** What the guest needs of any kernel: the fragment's options above its "rig's own builds only" line. */
    public static KernelConfig guestRequirements() {
        try {
            String text = guestFragmentText();
            int cut = text.indexOf(OWN_BUILDS_ONLY);
            return parse(cut < 0 ? text : text.substring(0, cut));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The fragment's text, to merge into a build's configuration. */
    public static String guestFragmentText() throws IOException {
        try (InputStream in = KernelConfig.class.getResourceAsStream(GUEST_FRAGMENT)) {
            if (in == null) {
                throw new IOException(GUEST_FRAGMENT + " is missing from the rig's jar: rebuild it");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    public String get(String option) {
        return options.getOrDefault(option, "n");
    }

    /**
     * The options {@code required} sets to y that this configuration lacks; with {@code modulesOk}
     * (a kernel booted with its modules) =m counts as present.
     */
    public List<String> lacking(KernelConfig required, boolean modulesOk) {
        List<String> lacking = new ArrayList<>();
        required.options().forEach((option, value) -> {
            String have = get(option);
            if (value.equals("y") && !(have.equals("y") || modulesOk && have.equals("m"))) {
                lacking.add(option);
            }
        });
        return lacking;
    }

    /** The options of {@code wanted} whose value here differs from the one asked for ("n" = not set). */
    public List<String> differing(KernelConfig wanted) {
        List<String> differ = new ArrayList<>();
        wanted.options().forEach((option, value) -> {
            if (!get(option).equals(value)) {
                differ.add(option + "=" + value + " (is " + get(option) + ")");
            }
        });
        return differ;
    }
}
