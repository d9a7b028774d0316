package rig.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KernelConfigTest {

    @Test
    void aKernelLackingARequiredOptionIsNamedAndModulesCountWhenItHasThem() {
        KernelConfig have = KernelConfig.parse("CONFIG_BTRFS_FS=m\n# CONFIG_DM_FLAKEY is not set\nCONFIG_XFS_FS=y\n");
        KernelConfig need = KernelConfig.parse("CONFIG_BTRFS_FS=y\nCONFIG_DM_FLAKEY=y\nCONFIG_XFS_FS=y\n# CONFIG_MODULES is not set\n");
        assertEquals(List.of("CONFIG_DM_FLAKEY"), have.lacking(need, true));
        assertEquals(List.of("CONFIG_BTRFS_FS", "CONFIG_DM_FLAKEY"), have.lacking(need, false));
        assertEquals(List.of("CONFIG_BTRFS_FS=y (is m)", "CONFIG_DM_FLAKEY=y (is n)"), have.differing(need));
    }

    /** The shipped fragment asks for what the guest uses; Debian's 6.1 kernel (with modules) must pass its check. */
    @Test
    void theGuestRequirementsAreTheFragmentAboveTheOwnBuildsLine() {
        KernelConfig required = KernelConfig.guestRequirements();
        for (String o : List.of("CONFIG_VIRTIO_BLK", "CONFIG_9P_FS", "CONFIG_BTRFS_FS", "CONFIG_XFS_FS", "CONFIG_EXT4_FS",
                "CONFIG_BLK_DEV_LOOP", "CONFIG_FUSE_FS", "CONFIG_BLK_DEV_DM", "CONFIG_DM_FLAKEY", "CONFIG_DM_DELAY",
                "CONFIG_DM_LOG_WRITES", "CONFIG_EVENT_TRACING", "CONFIG_DETECT_HUNG_TASK", "CONFIG_MAGIC_SYSRQ")) {
            assertEquals("y", required.get(o), o);
        }
        assertEquals("n", required.get("CONFIG_IKCONFIG"), "the rig's own builds only");
        assertEquals("n", KernelConfig.parse(assertFragment()).get("CONFIG_MODULES"));
    }

    private static String assertFragment() {
        try {
            String text = KernelConfig.guestFragmentText();
            assertTrue(text.contains("CONFIG_IKCONFIG=y"), text);
            return text;
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A setup header as arch/x86/boot/header.S lays it out: "HdrS" at 0x202, the version string's offset - 0x200 at 0x20E. */
    @Test
    void theReleaseIsReadFromTheSetupHeader() {
        byte[] image = new byte[0x1000];
        ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x202, 0x53726448);
        b.putShort(0x20E, (short) 0x600);
        byte[] v = "6.1.192-rig-control (root@vm) #1 SMP PREEMPT_DYNAMIC Sun Dec  6 07:30:55 UTC 2026".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(v, 0, image, 0x800, v.length);
        assertEquals(Optional.of("6.1.192-rig-control"), BzImage.release(image));
        assertEquals(Optional.empty(), BzImage.release(new byte[0x1000]));
    }
}
