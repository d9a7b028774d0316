package rig.fstest.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rig.sys.Errno;

class WriteSummaryTest {

    @Test
    void failedWriteSaysWhatXfsIoSays() {
        WriteSummary w = new WriteSummary(0, 41943040, 0, new Transfer(8388608, 0, Errno.EIO), 1);
        assertTrue(w.failed());
        assertEquals("pwrite: Input/output error", w.errorLine());
        assertEquals("wrote 0/41943040 bytes at offset 0 (1 calls)", w.xfsIoLine());
    }

    @Test
    void shortWritesThatStopMakingProgressAreNotComplete() {
        WriteSummary w = new WriteSummary(0, 8192, 4096, new Transfer(4096, 0, 0), 1000);
        assertFalse(w.failed());
        assertFalse(w.complete());
        assertEquals("pwrite: no progress after 1000 calls, wrote 4096/8192", w.errorLine());
        assertTrue(new Transfer(4096, 100, 0).isShort());
    }

    @Test
    void completeWriteHasNoErrorLine() {
        assertEquals("", new WriteSummary(0, 10, 10, null, 2).errorLine());
    }
}
