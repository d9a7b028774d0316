package rig.devices.fault;

/** What a rule did to a request, as bits of the journal's effect field. */
final class Effect {
    static final int FUA = 1, DROPPED = 2, TORN = 4, CORRUPTED = 8, STALLED = 16, DELAYED = 32,
            DEADLINE = 64, ABORTED = 128, SKIPPED_FLUSH = 256,
            /** The engine failed the request because of its own bug: no rule asked for this error. */
            RIG_ERROR = 512;

    private static final String[] NAMES = {"fua", "dropped", "torn", "corrupted", "stalled", "delayed",
        "deadline", "aborted", "flush-dropped", "rig-error"};

    private Effect() {
    }

    /** "fua,dropped"-style text; "-" for none. */
    static String describe(int effects) {
        if (effects == 0) {
            return "-";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < NAMES.length; i++) {
            if ((effects & (1 << i)) != 0) {
                if (sb.length() > 0) {
                    sb.append(',');
                }
                sb.append(NAMES[i]);
            }
        }
        return sb.toString();
    }
}
