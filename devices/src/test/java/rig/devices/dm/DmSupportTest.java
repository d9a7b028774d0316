package rig.devices.dm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DmSupportTest {

    static final String MISC_WITHOUT = "237 loop-control\n229 fuse\n";
    static final String MISC_WITH = "237 loop-control\n236 device-mapper\n229 fuse\n";
    static final String TARGETS = "error            v1.6.0\nlinear           v1.4.0\nstriped          v1.6.0\n";

    @Test
    void aKernelWithoutTheDriverIsSaidSo() {
        DmSupport s = DmSupport.of(MISC_WITHOUT, false, null, null);
        assertFalse(s.kernel());
        assertEquals(Optional.of("device-mapper not available in this kernel"), s.missing(List.of("linear")));
        assertFalse(s.has("linear"));
    }

    @Test
    void missingTargetsAreNamedWithWhatIsThere() {
        DmSupport s = DmSupport.of(MISC_WITH, false, TARGETS, null);
        assertTrue(s.kernel());
        assertTrue(s.has("error"));
        assertEquals(Optional.empty(), s.missing(List.of("linear", "error")));
        assertEquals(Optional.of("dm target flakey not available (dmsetup targets lists: error, linear, striped; "
                + "try modprobe dm-flakey)"), s.missing(List.of("linear", "flakey")));
        assertEquals(Optional.of("dm targets flakey, dust not available (dmsetup targets lists: error, linear, striped; "
                + "try modprobe dm-flakey)"), s.missing(List.of("flakey", "dust")));
    }

    @Test
    void theSysfsEntryAloneIsEnoughAndDmsetupProblemsAreReported() {
        DmSupport s = DmSupport.of("", true, null, "dmsetup not installed (apt-get install dmsetup)");
        assertTrue(s.kernel());
        assertEquals(Optional.of("dmsetup not installed (apt-get install dmsetup)"), s.missing(List.of("error")));
    }

    @Test
    void probeOnThisHostAgreesWithProcMisc() throws Exception {
        boolean listed = Files.readString(Path.of("/proc/misc")).contains("device-mapper");
        DmSupport s = DeviceMapper.probe();
        assertEquals(listed, s.kernel());
        if (!listed) {
            assertEquals(Optional.of(DmSupport.NO_KERNEL), s.missing(DmSupport.DMERROR_AND_FLAKEY));
            assertFalse(Files.exists(Path.of("/dev/mapper/control")) && !listed
                    && Files.getLastModifiedTime(Path.of("/dev/mapper/control")).toMillis() > System.currentTimeMillis() - 5000,
                    "the probe must not run dmsetup (which creates /dev/mapper/control) without the driver");
        }
    }
}
