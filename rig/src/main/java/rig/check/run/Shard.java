package rig.check.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import rig.config.UserInputException;

/**
 * {@code --shard K/N}: part K of a deterministic split of the run's (section, test) pairs into N
 * parts, so that N CI jobs given the same selection, configuration and times cover the run exactly
 * once. With recorded times the split is balanced by time (longest first, each to the part with
 * the least so far); without, the pairs are dealt round-robin in their canonical order (section
 * order, then test id). Ties always go to the lowest part, so every job computes the same split.
 */
public record Shard(int index, int count) {

    /** A (section, test) pair of the run. */
    public record Pair(String section, String test) {
    }

    /** "2/3" -> part 2 of 3; bad input is a UserInputException naming it and the form. */
    public static Shard parse(String text) {
        String[] kn = text.strip().split("/");
        try {
            if (kn.length == 2) {
                Shard s = new Shard(Integer.parseInt(kn[0]), Integer.parseInt(kn[1]));
                if (s.count >= 1 && s.index >= 1 && s.index <= s.count) {
                    return s;
                }
            }
        } catch (NumberFormatException e) {
            // the message below says what is expected
        }
        throw new UserInputException("--shard " + text + ": give K/N with 1 <= K <= N, e.g. --shard 2/3");
    }

    /** "2/3". */
    @Override
    public String toString() {
        return index + "/" + count;
    }

    /**
     * This shard's pairs, in canonical order. {@code seconds} gives a pair's recorded time, or -1
     * when it has none; when no pair has a time the split is by count.
     */
    public List<Pair> select(List<Pair> pairs, ToLongFunction<Pair> seconds) {
        List<Pair> canonical = new ArrayList<>(pairs);
        boolean timed = canonical.stream().anyMatch(p -> seconds.applyAsLong(p) >= 0);
        Map<Pair, Integer> part = timed ? byTime(canonical, seconds) : byCount(canonical);
        return canonical.stream().filter(p -> part.get(p) == index - 1).toList();
    }

    private Map<Pair, Integer> byCount(List<Pair> canonical) {
        Map<Pair, Integer> part = new LinkedHashMap<>();
        for (int i = 0; i < canonical.size(); i++) {
            part.put(canonical.get(i), i % count);
        }
        return part;
    }

    /** Longest processing time first; an untimed pair counts as the mean of the timed ones. */
    private Map<Pair, Integer> byTime(List<Pair> canonical, ToLongFunction<Pair> seconds) {
        long mean = Math.max(1, Math.round(canonical.stream().mapToLong(seconds).filter(s -> s >= 0).average().orElse(1)));
        ToLongFunction<Pair> cost = p -> seconds.applyAsLong(p) >= 0 ? Math.max(1, seconds.applyAsLong(p)) : mean;
        List<Pair> order = new ArrayList<>(canonical);
        order.sort(Comparator.comparingLong(cost).reversed()); // stable: canonical order among equal times
        long[] load = new long[count];
        Map<Pair, Integer> part = new LinkedHashMap<>();
        for (Pair p : order) {
            int least = 0;
            for (int i = 1; i < count; i++) {
                if (load[i] < load[least]) {
                    least = i;
                }
            }
            load[least] += cost.applyAsLong(p);
            part.put(p, least);
        }
        return part;
    }
}
