package rig.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class BadRangesTest {

    static BadRanges.Segment bad(long s, long e) {
        return new BadRanges.Segment(s, e, true);
    }

    static BadRanges.Segment good(long s, long e) {
        return new BadRanges.Segment(s, e, false);
    }

    @Test
    void startsAllBadAsFstestsErrorTable() {
        assertEquals(List.of(bad(0, 1000)), new BadRanges(1000).segments());
    }

    @Test
    void resetThenMarkBadRanges() {
        BadRanges r = new BadRanges(1000);
        r.reset();
        assertEquals(List.of(good(0, 1000)), r.segments());
        r.markBad(100, 50);
        r.markBad(300, 10);
        assertEquals(List.of(good(0, 100), bad(100, 150), good(150, 300), bad(300, 310), good(310, 1000)), r.segments());
        r.markBad(140, 170);
        assertEquals(List.of(good(0, 100), bad(100, 310), good(310, 1000)), r.segments(), "merged");
        r.markBad(310, 690);
        assertEquals(List.of(good(0, 100), bad(100, 1000)), r.segments(), "adjacent ranges merge");
    }

    @Test
    void markGoodCutsHoles() {
        BadRanges r = new BadRanges(1000);
        r.markGood(0, 10);
        r.markGood(500, 100);
        assertEquals(List.of(good(0, 10), bad(10, 500), good(500, 600), bad(600, 1000)), r.segments());
        r.markGood(400, 300);
        assertEquals(List.of(good(0, 10), bad(10, 400), good(400, 700), bad(700, 1000)), r.segments());
        r.markGood(0, 1000);
        assertEquals(List.of(good(0, 1000)), r.segments());
    }

    @Test
    void rangesOutsideTheDeviceAreRefused() {
        BadRanges r = new BadRanges(1000);
        assertThrows(IllegalArgumentException.class, () -> r.markBad(990, 20));
        assertThrows(IllegalArgumentException.class, () -> r.markGood(-1, 2));
        assertThrows(IllegalArgumentException.class, () -> r.markBad(0, 0));
    }
}
