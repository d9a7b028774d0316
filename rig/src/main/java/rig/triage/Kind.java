package rig.triage;

import java.util.Locale;

/** What kind of failure a signature is. {@link #failure()} is false for kinds that never fail a run. */
public enum Kind {
    HUNG_ORDERED_EXTENT("hung ordered extent"),
    HUNG_TASK("hung task"),
    ZERO_FILLED_GAP("zero-filled gap"),
    STALE_DATA("stale data"),
    WARNING("WARNING"),
    BUG("BUG"),
    KASAN("KASAN"),
    KMSAN("KMSAN"),
    KCSAN("KCSAN"),
    KFENCE("KFENCE"),
    UBSAN("UBSAN"),
    MEMORY_LEAK("memory leak"),
    STALL("stall"),
    PANIC("kernel panic"),
    LOCKDEP("lockdep"),
    IO_ERROR("I/O error"),
    CHECKSUM("checksum failure"),
    SHUTDOWN("filesystem shutdown"),
    FSCK("fsck corruption"),
    OUTPUT_MISMATCH("output mismatch"),
    TIMEOUT("timeout"),
    TEST_FAILURE("test failure"),
    NOT_RUN("not run");

    private final String label;

    Kind(String label) {
        this.label = label;
    }

    /** Human words, e.g. "hung ordered extent". */
    public String label() {
        return label;
    }

    /** Stable identifier used in data files and JSON, e.g. "hung-ordered-extent". */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public boolean failure() {
        return this != NOT_RUN;
    }

    /** Parses {@link #id()} (or the enum name); throws IllegalArgumentException naming the input. */
    public static Kind fromId(String id) {
        String norm = id.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Kind k : values()) {
            if (k.name().equals(norm)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown signature kind '" + id + "'; use one of "
                + java.util.Arrays.stream(values()).map(Kind::id).toList());
    }
}
