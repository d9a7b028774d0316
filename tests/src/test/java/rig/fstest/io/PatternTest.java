package rig.fstest.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class PatternTest {

    @Test
    void fillsFromPositionToLimitOnly() {
        ByteBuffer b = ByteBuffer.allocate(8).position(2).limit(6);
        Pattern.of(0x69).fill(b);
        assertEquals(2, b.position());
        byte[] all = b.array();
        assertEquals(0, all[1]);
        assertEquals(0x69, all[2]);
        assertEquals(0x69, all[5]);
        assertEquals(0, all[6]);
        assertEquals(-1, Pattern.of(0x69).firstMismatch(b));
        b.put(4, (byte) 0);
        assertEquals(2, Pattern.of(0x69).firstMismatch(b));
    }

    @Test
    void xfsIoDefaultIsCdAndRangeIsChecked() {
        assertEquals((byte) 0xcd, Pattern.XFS_IO_DEFAULT.value());
        assertEquals("0xcd", Pattern.XFS_IO_DEFAULT.toString());
        assertThrows(IllegalArgumentException.class, () -> Pattern.of(256));
    }

    @Test
    void alignedBufferIsAlignedAndFilled() {
        AlignedBuffer b = AlignedBuffer.filled(8192, Pattern.of(0x61));
        assertEquals(0, b.pointer().address() % AlignedBuffer.ALIGN);
        assertEquals(8192, b.size());
        assertEquals(-1, Pattern.of(0x61).firstMismatch(b.bytes()));
        AlignedBuffer one = AlignedBuffer.filled(1, Pattern.of(0x63));
        assertEquals(1, one.size());
        assertEquals(0x63, one.bytes().get(0));
        assertEquals(4097, AlignedBuffer.allocate(4097).size());
    }
}
