package rig.config;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Every RIG_* knob in one place: its name, what values it takes, its default and what it does. A knob is
 * an environment variable or a configuration-section variable (the environment wins, as for fstests'
 * variables: {@link Configuration}); the run checks every knob of every section once, before it creates
 * anything ({@link #validate}), so a bad value is one line and exit status 2, never a failure mid-run.
 * The README's settings table lists the same rows (checked by SettingsDocTest).
 */
public enum Setting {
    RIG_SCRATCH_BACKEND(Values.choice("java", "loop"), "java",
            "SCRATCH is the injectable Java device (java) or a plain loop device (loop)"),
    RIG_SCRATCH_SERVER(Values.choice("process", "runner"), "process",
            "the Java device is served by its own JVM (process) or by threads of the runner (runner)"),
    RIG_DEVICE(Values.choice("auto", "java", "dm"), "auto",
            "which faulty device dmerror/dmflakey use: the Java device when SCRATCH is one, else dm (auto)"),
    RIG_FSCK(Values.YES_NO, "yes", "fsck TEST_DEV and SCRATCH_DEV after tests"),
    RIG_FSCK_TEST(Values.choice("each", "end"), "each", "fsck TEST_DEV after each test or once per section"),
    RIG_FSCK_TIMEOUT(Values.SECONDS, "300", "seconds an fsck may take"),
    RIG_BLOCKED_SCOPE(Values.choice("test", "all"), "test", "blocked tasks sampled: the test's devices' or all"),
    RIG_BLOCKED_THRESHOLD(Values.SECONDS, "10", "seconds in D state before a task is reported blocked"),
    RIG_HANG_DETECT(Values.YES_NO, "yes", "end a test before its timeout when progress stopped"),
    RIG_HANG_CONFIRM(Values.SECONDS, "3", "seconds of no progress that confirm a hang"),
    RIG_OE_BUFFER_KB(Values.POSITIVE, "4096", "per-CPU buffer of the ordered-extent tracing instance, KiB"),
    RIG_OE_STALL(Values.SECONDS, "10", "seconds an ordered extent may stay outstanding before it is hung"),
    RIG_OE_GRACE(Values.SECONDS, "5", "seconds the ledger waits for outstanding ordered extents at the end"),
    RIG_OE_DEVICES(Values.ANY, "", "more devices whose btrfs filesystems belong to the test (space-separated)"),
    RIG_FUSE_SPLICE(Values.ZERO_ONE, "1", "the Java device answers reads with splice(2) (0: copies)"),
    RIG_STORE_MMAP(Values.ZERO_ONE, "1", "the Java device writes through a mapping of its backing file (0: pwrite)"),
    RIG_DEVICE_SERVER_JVM_OPTS(Values.ANY, "", "JVM options of the device server (replace the defaults)"),
    RIG_STATE_DIR(Values.PATH, "/run/rig", "the registry of what the rig created"),
    RIG_TRACE(Values.ZERO_ONE, "0", "print where the time of a run goes"),
    RIG_SKIP_BUILD(Values.ZERO_ONE, "0", "bin/rig does not rebuild a changed tree"),
    RIG_NO_INSTALL(Values.ZERO_ONE, "0", "bin/setup prints the install line instead of installing"),
    RIG_ENGINE(Values.choice("host", "container"), "host",
            "where ./check runs the tests: on this host, or in a container of RIG_USERLAND (rig container check)"),
    RIG_USERLAND(Values.ANY, "", "the container engine's userland (bookworm, trixie, bookworm-backports); recorded in result.xml"),
    RIG_USERLAND_PACKAGES(Values.ANY, "", "the userland's package versions, set by the container engine; recorded in result.xml");

    private final Values values;
    private final String defaultValue;
    private final String doc;

    Setting(Values values, String defaultValue, String doc) {
        this.values = values;
        this.defaultValue = defaultValue;
        this.doc = doc;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String doc() {
        return doc;
    }

    /** What values it takes, in words ("java or loop", "a number of seconds"). */
    public String accepts() {
        return values.words;
    }

    /** The value in {@code vars} (a section's variables, overrides applied), else the default; a choice in lower case. */
    public String in(Map<String, String> vars) {
        String v = vars.get(name());
        String value = v == null || v.isBlank() ? defaultValue : v.strip();
        return values.choice ? value.toLowerCase(java.util.Locale.ROOT) : value;
    }

    /** For YES_NO and ZERO_ONE knobs. */
    public boolean on(Map<String, String> vars) {
        String v = in(vars);
        return v.equals("yes") || v.equals("1");
    }

    /** For SECONDS and POSITIVE knobs. */
    public int number(Map<String, String> vars) {
        String v = in(vars);
        check(v);
        return Integer.parseInt(v);
    }

    /** Throws the one-line usage error for a bad value. */
    void check(String value) {
        if (!values.accepts(value)) {
            throw new UserInputException(name() + "=" + value + " is not " + values.words + "; set it to e.g. "
                    + (defaultValue.isEmpty() ? values.example : defaultValue) + " (" + doc + ")");
        }
    }

    /** Checks every knob {@code vars} sets. */
    public static void validate(Map<String, String> vars) {
        for (Setting s : values()) {
            String v = vars.get(s.name());
            if (v != null && !v.isBlank()) {
                s.check(v.strip());
            }
        }
    }

    /** The knobs' names. */
    public static List<String> names() {
        return Arrays.stream(values()).map(Enum::name).toList();
    }

    /** What a knob accepts. */
    private record Values(String words, String example, boolean choice, java.util.function.Predicate<String> test) {
        static final Values YES_NO = choice("yes", "no");
        static final Values ZERO_ONE = choice("0", "1");
        static final Values SECONDS = new Values("a whole number of seconds", "10", false, v -> v.matches("\\d{1,7}"));
        static final Values POSITIVE = new Values("a positive whole number", "4096", false, v -> v.matches("[1-9]\\d{0,8}"));
        static final Values PATH = new Values("an absolute path", "/run/rig", false, v -> v.startsWith("/"));
        static final Values ANY = new Values("anything", "", false, v -> true);

        static Values choice(String... words) {
            List<String> w = List.of(words);
            return new Values(String.join(" or ", w), words[0], true, v -> w.contains(v.toLowerCase(java.util.Locale.ROOT)));
        }

        boolean accepts(String v) {
            return test.test(v);
        }
    }
}
