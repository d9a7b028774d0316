package rig.fstest.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MountOptionsTest {

    @Test
    void genericOptionsBecomeFlagsTheRestIsData() {
        MountOptions o = MountOptions.parse("-o noatime,compress=zstd -o ro,discard");
        assertEquals(MountOptions.MS_NOATIME | MountOptions.MS_RDONLY, o.flags());
        assertEquals("compress=zstd,discard", o.data());
    }

    @Test
    void attachedFormAndRwClearingRo() {
        MountOptions o = MountOptions.parse("-oro,rw,nodatasum");
        assertEquals(0, o.flags());
        assertEquals("nodatasum", o.data());
    }

    @Test
    void emptyAndTypeAreAccepted() {
        assertEquals(MountOptions.NONE, MountOptions.parse(""));
        assertEquals(MountOptions.NONE, MountOptions.parse(null));
        assertEquals(MountOptions.NONE, MountOptions.parse("-t xfs -o defaults"));
        assertEquals(MountOptions.MS_RDONLY, MountOptions.parse("-r").flags());
    }

    @Test
    void strayWordsAndMissingValuesAreRefusedNamingTheInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MountOptions.parse("noatime"));
        assertTrue(e.getMessage().contains("\"noatime\""), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MountOptions.parse("-o"));
    }

    @Test
    void plusJoinsDataAndFlags() {
        MountOptions o = MountOptions.parse("-o noatime,commit=5").plus(MountOptions.parse("-o ro"));
        assertEquals(MountOptions.MS_NOATIME | MountOptions.MS_RDONLY, o.flags());
        assertEquals("commit=5", o.data());
    }
}
