package rig.check.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import rig.config.UserInputException;

class ShardTest {
    private static final List<Shard.Pair> PAIRS = pairs("btrfs", "btrfs_nodatasum");

    private static List<Shard.Pair> pairs(String... sections) {
        List<Shard.Pair> p = new ArrayList<>();
        for (String s : sections) {
            for (String t : List.of("generic/250", "generic/276", "generic/647", "generic/708", "generic/729", "rig/001", "rig/201")) {
                p.add(new Shard.Pair(s, t));
            }
        }
        return p;
    }

    @Test
    void theShardsCoverTheRunExactlyOnceByCount() {
        Set<Shard.Pair> seen = new HashSet<>();
        int total = 0;
        for (int k = 1; k <= 3; k++) {
            List<Shard.Pair> part = new Shard(k, 3).select(PAIRS, p -> -1);
            assertTrue(part.size() == 4 || part.size() == 5, part.toString());
            total += part.size();
            seen.addAll(part);
        }
        assertEquals(PAIRS.size(), total, "no pair twice");
        assertEquals(Set.copyOf(PAIRS), seen, "every pair once");
    }

    @Test
    void recordedTimesBalanceTheShardsLongestFirst() {
        Map<String, Long> times = Map.of("rig/201", 60L, "generic/250", 30L, "generic/276", 25L, "generic/647", 1L,
                "generic/708", 1L, "generic/729", 1L, "rig/001", 1L);
        List<Shard.Pair> one = pairs("btrfs");
        long[] load = new long[2];
        Set<Shard.Pair> seen = new HashSet<>();
        for (int k = 1; k <= 2; k++) {
            for (Shard.Pair p : new Shard(k, 2).select(one, q -> times.get(q.test()))) {
                load[k - 1] += times.get(p.test());
                seen.add(p);
            }
        }
        assertEquals(Set.copyOf(one), seen);
        assertEquals(List.of(60L, 59L), List.of(load[0], load[1]), "the 60 s test alone against the rest");
        assertEquals(new Shard(2, 2).select(one, q -> times.get(q.test())),
                new Shard(2, 2).select(List.copyOf(one), q -> times.get(q.test())), "the same inputs give the same split");
    }

    @Test
    void badShardsAreOneLineWithTheForm() {
        for (String bad : List.of("0/3", "4/3", "3", "a/b", "1/0", "2/3/4")) {
            UserInputException e = assertThrows(UserInputException.class, () -> Shard.parse(bad));
            assertEquals("--shard " + bad + ": give K/N with 1 <= K <= N, e.g. --shard 2/3", e.getMessage());
        }
        assertEquals(new Shard(2, 3), Shard.parse("2/3"));
    }
}
