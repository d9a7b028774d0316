package rig.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rig.devices.dm.DmSupport;
import rig.devices.fault.FaultEngine;
import rig.sys.Errno;

class FaultyDevicesTest {

    static final DmSupport NONE = new DmSupport(false, java.util.Set.of(), DmSupport.NO_KERNEL);
    static final DmSupport FULL = new DmSupport(true, java.util.Set.of("linear", "error", "flakey"), null);
    static final DmSupport NO_FLAKEY = new DmSupport(true, java.util.Set.of("linear", "error"), null);

    @TempDir
    Path dir;

    @Test
    void autoPrefersDmAndFallsBackToJavaSayingWhy() {
        assertEquals(FaultyDevices.Backend.DM, FaultyDevices.choose("auto", true, () -> FULL).backend());
        FaultyDevices.Choice c = FaultyDevices.choose("", true, () -> NONE);
        assertEquals(FaultyDevices.Backend.JAVA, c.backend());
        assertEquals("device-mapper not available in this kernel; using the Java device", c.notice());
        assertTrue(FaultyDevices.choose(null, true, () -> NO_FLAKEY).notice()
                .startsWith("dm target flakey not available"));
    }

    @Test
    void explicitModes() {
        assertEquals(FaultyDevices.Backend.JAVA, FaultyDevices.choose("java", true, () -> FULL).backend());
        assertNull(FaultyDevices.choose("java", true, () -> FULL).notice());
        assertEquals(FaultyDevices.Backend.DM, FaultyDevices.choose("DM", false, () -> FULL).backend());
    }

    @Test
    void impossibleChoicesAreOneLineCausesWithTheFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FaultyDevices.choose("dm", true, () -> NONE));
        assertEquals("RIG_DEVICE=dm but device-mapper not available in this kernel; set RIG_DEVICE=java (or auto), "
                + "or run on a kernel with device-mapper (the vm engine)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FaultyDevices.choose("java", false, () -> FULL));
        assertTrue(e.getMessage().startsWith("RIG_DEVICE=java but the scratch device is not the rig's Java device"));
        e = assertThrows(IllegalArgumentException.class, () -> FaultyDevices.choose("auto", false, () -> NONE));
        assertTrue(e.getMessage().startsWith("device-mapper not available in this kernel and the scratch device"));
        e = assertThrows(IllegalArgumentException.class, () -> FaultyDevices.choose("loop", true, () -> FULL));
        assertEquals("RIG_DEVICE=loop is not auto, java or dm; set one of them", e.getMessage());
        for (String m : new String[] {"dm", "java", "auto", "loop"}) {
            try {
                FaultyDevices.choose(m, false, () -> NONE);
            } catch (IllegalArgumentException x) {
                assertFalse(x.getMessage().contains("\n"));
            }
        }
    }

    @Test
    void theDmTablesFollowFstestsDmerrorAndDmflakey() {
        BadRanges bad = new BadRanges(1000);
        assertEquals("0 1000 error\n", DmFaultyDevice.errorTable("/dev/loop7", bad).text(), "starts all bad");
        bad.reset();
        bad.markBad(100, 8);
        assertEquals("0 100 linear /dev/loop7 0\n100 8 error\n108 892 linear /dev/loop7 108\n",
                DmFaultyDevice.errorTable("/dev/loop7", bad).text());
        assertEquals("0 1000 linear /dev/loop7 0\n", DmFaultyDevice.workingTable("/dev/loop7", 1000).text());
        assertEquals("0 1000 flakey /dev/loop7 0 0 180 1 drop_writes\n",
                DmFaultyDevice.flakeyTable("/dev/loop7", 1000, "drop_writes").text());
    }

    private static ByteBuffer sector(int value) {
        ByteBuffer b = ByteBuffer.allocateDirect(8192).alignedSlice(4096).limit(512);
        for (int i = 0; i < 512; i++) {
            b.put(i, (byte) value);
        }
        return b;
    }

    @Test
    void theJavaBackendDrivesTheEngineWithDmerrorAndDmflakeyWords() throws Exception {
        Path img = dir.resolve("java-device.img");
        try (FaultEngine engine = FaultEngine.open(img, 1 << 20);
             FaultyDevice dev = FaultyDevices.open(img, Optional.of(engine), "java", "t", null)) {
            assertEquals("java", dev.backend());
            assertEquals(2048, dev.sectors());
            assertTrue(dev.control().isPresent());
            assertEquals(0, engine.write(100 * 512, sector(1), false));

            dev.loadErrorTable();
            assertEquals("0 2048 error errno=EIO\n", engine.table(), "fstests' error table starts all bad");
            assertEquals(Errno.EIO, engine.write(0, sector(2), false));

            dev.resetErrorTable();
            dev.markRangeBad(100, 8);
            dev.loadErrorTable();
            assertEquals(Errno.EIO, engine.write(100 * 512, sector(2), false));
            assertEquals(Errno.EIO, engine.read(104 * 512, sector(0)));
            assertEquals(0, engine.write(99 * 512, sector(2), false));
            dev.markRangeGood(100, 4);
            dev.loadErrorTable();
            assertEquals(0, engine.write(100 * 512, sector(3), false));
            assertEquals(Errno.EIO, engine.write(104 * 512, sector(3), false));

            dev.loadWorkingTable();
            assertEquals("", engine.table());
            assertEquals(0, engine.write(104 * 512, sector(4), false));
            assertEquals(0, engine.write(0, sector(9), false));

            dev.dropWrites();
            assertEquals(0, engine.write(0, sector(5), false));
            ByteBuffer r = sector(0);
            assertEquals(0, engine.read(0, r));
            assertEquals(9, r.get(0), "the dropped write is lost; the earlier one stays");
            dev.errorWrites();
            assertEquals(Errno.EIO, engine.write(0, sector(6), false));
            assertEquals(0, engine.read(0, r), "reads pass");
            dev.allowWrites();
            assertEquals(0, engine.write(0, sector(7), false));
            assertEquals(0, engine.read(0, r));
            assertEquals(7, r.get(0));
        }
    }
}
