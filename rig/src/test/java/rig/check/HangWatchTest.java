package rig.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HangWatchTest {

    @Test
    void completedRequestsSumReadsWritesFlushesAndDiscardsOnly() {
        String counters = "reads 10\nwrites 7\nflushes 2\ndiscards 1\nread_bytes 40960\nrequests_stalled 5\n"
                + "stalled_now 2\n";
        assertEquals(20, HangWatch.completedRequests(counters));
    }

    @Test
    void noCountersAreZero() {
        assertEquals(0, HangWatch.completedRequests(""));
    }
}
