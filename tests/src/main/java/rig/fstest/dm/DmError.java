package rig.fstest.dm;

import java.io.IOException;
import java.io.PrintStream;
import rig.devices.FaultyDevice;
import rig.fstest.fs.Filesystem;

/**
 * fstests' dmerror words (common/dmerror) over the rig's faulty device: init, mount, unmount,
 * load the error table, load the working table, mark ranges bad or good, cleanup. With the Java
 * device the scratch device injects the errors itself; with device-mapper, init stacks a dm
 * device on SCRATCH_DEV and mount mounts that (fstests' $DMERROR_DEV) on SCRATCH_MNT. Tables
 * are swapped under the mounted filesystem, as dmsetup suspend/load/resume does.
 */
public final class DmError {
    private final Filesystem scratch;
    private final FaultDevices.Opener opener;
    private final PrintStream full;
    private FaultDevices.Opened opened;
    private Filesystem fs;

    public DmError(Filesystem scratch, FaultDevices.Opener opener, PrintStream full) {
        this.scratch = scratch;
        this.opener = opener;
        this.full = full;
    }

    /** _dmerror_init: takes control of the faulty device; the working table is in force. */
    public void init() throws IOException {
        if (opened == null) {
            opened = opener.open();
            fs = scratch.on(opened.device().path().toString());
        }
        opened.device().loadWorkingTable();
    }

    /** $DMERROR_DEV: the device to mount (SCRATCH_DEV itself with the Java device). */
    public String device() {
        return device0().path().toString();
    }

    /** _dmerror_mount. */
    public void mount() throws IOException {
        filesystem().mount();
    }

    /** _dmerror_mount with extra mount options ("-o ro"). */
    public void mount(String options) throws IOException {
        filesystem().mount(options);
    }

    /** _dmerror_unmount. */
    public void unmount() throws IOException {
        filesystem().unmount();
    }

    /** _dmerror_load_error_table: every request fails, or only the ranges marked bad. */
    public void loadErrorTable() throws IOException {
        full.println("dmerror: load error table");
        device0().loadErrorTable();
    }

    /** _dmerror_load_working_table: every request passes. */
    public void loadWorkingTable() throws IOException {
        full.println("dmerror: load working table");
        device0().loadWorkingTable();
    }

    /** _dmerror_reset_table: the next error table fails nothing until ranges are marked bad. */
    public void resetTable() {
        device0().resetErrorTable();
    }

    /** _dmerror_mark_range_bad (512-byte sectors). */
    public void markRangeBad(long sector, long sectors) {
        device0().markRangeBad(sector, sectors);
    }

    /** _dmerror_mark_range_good (512-byte sectors). */
    public void markRangeGood(long sector, long sectors) {
        device0().markRangeGood(sector, sectors);
    }

    /** _dmerror_cleanup: unmount if mounted, working table back, the dm device (if any) removed. Safe to repeat. */
    public void cleanup() throws IOException {
        if (fs != null) {
            fs.unmountQuietly();
        }
        if (opened != null) {
            try {
                opened.close();
            } finally {
                opened = null;
            }
        }
    }

    private FaultyDevice device0() {
        if (opened == null) {
            throw new IllegalStateException("dmerror used before dmerror.init()");
        }
        return opened.device();
    }

    private Filesystem filesystem() {
        device0();
        return fs;
    }
}
