package rig.triage;

import java.util.Arrays;
import java.util.List;

/**
 * Finds which of up to 64 literal needles occur in a line, in one pass over its characters (needles are
 * indexed by their first character). The triage rules use it to pre-filter every line of a log cheaply.
 */
public final class Needles {
    private final List<String> needles;
    private final int[][] byFirstChar = new int[128][];

    public Needles(List<String> needles, String what) {
        if (needles.size() > 64) {
            throw new IllegalArgumentException(what + ": at most 64 needles are supported, found " + needles.size());
        }
        this.needles = List.copyOf(needles);
        for (int i = 0; i < needles.size(); i++) {
            String n = needles.get(i);
            char c = n.isEmpty() ? 128 : n.charAt(0);
            if (c >= 128) {
                throw new IllegalArgumentException(what + ": a needle must start with an ASCII character: '" + n + "'");
            }
            int[] old = byFirstChar[c] == null ? new int[0] : byFirstChar[c];
            int[] grown = Arrays.copyOf(old, old.length + 1);
            grown[old.length] = i;
            byFirstChar[c] = grown;
        }
    }

    /** Bit i set when needle i occurs anywhere in {@code text}. */
    public long in(String text) {
        long found = 0;
        for (int p = 0, n = text.length(); p < n; p++) {
            char c = text.charAt(p);
            int[] candidates = c < 128 ? byFirstChar[c] : null;
            if (candidates != null) {
                for (int i : candidates) {
                    if (text.startsWith(needles.get(i), p)) {
                        found |= 1L << i;
                    }
                }
            }
        }
        return found;
    }
}
