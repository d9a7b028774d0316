package rig.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DeviceCountersTest {

    @Test
    void completedRequestsSumReadsWritesFlushesAndDiscardsOnly() {
        DeviceCounters c = DeviceCounters.parse("reads 10\nwrites 7\nflushes 2\ndiscards 1\nread_bytes 40960\n"
                + "requests_stalled 5\nstalled_now 2\n");
        assertEquals(20, c.completedRequests());
        assertEquals(0, DeviceCounters.parse("").completedRequests());
    }

    @Test
    void rigErrorsAndTheWireFormRoundTrip() {
        DeviceCounters c = DeviceCounters.parse("reads 10\nrig_errors 2\nstalled_now 0\n");
        assertEquals(2, c.rigErrors());
        assertEquals(-1, DeviceCounters.parse("reads 10\n").rigErrors(), "a device without the counter");
        assertEquals(c, DeviceCounters.parse(c.text()));
        assertEquals(0, c.get("no_such_counter"));
    }

    @Test
    void aMalformedLineNamesItself() {
        var e = assertThrows(IllegalArgumentException.class, () -> DeviceCounters.parse("reads ten\n"));
        assertEquals("device counter line \"reads ten\" has no number", e.getMessage());
    }
}
