package rig.fstest.dm;

import java.io.IOException;
import java.io.PrintStream;
import rig.fstest.fs.Filesystem;

/**
 * fstests' dmerror words (common/dmerror) over the rig's faulty device: init, mount, unmount,
 * load the error table, load the working table, mark ranges bad or good, cleanup. With the Java
 * device the scratch device injects the errors itself; with device-mapper, init stacks a dm
 * device on SCRATCH_DEV and mount mounts that (fstests' $DMERROR_DEV) on SCRATCH_MNT. Tables
 * are swapped under the mounted filesystem, as dmsetup suspend/load/resume does.
 */
public final class DmError extends FaultHelper {

    public DmError(Filesystem scratch, FaultDevices.Opener opener, PrintStream full) {
        super(scratch, opener, full, "dmerror");
    }

    /** _dmerror_init: takes control of the faulty device; the working table is in force. */
    public void init() throws IOException {
        session.open().loadWorkingTable();
    }

    /** _dmerror_load_error_table: every request fails, or only the ranges marked bad. */
    public void loadErrorTable() throws IOException {
        full.println("dmerror: load error table");
        session.device().loadErrorTable();
    }

    /** _dmerror_load_working_table: every request passes. */
    public void loadWorkingTable() throws IOException {
        full.println("dmerror: load working table");
        session.device().loadWorkingTable();
    }

    /** _dmerror_reset_table: the next error table fails nothing until ranges are marked bad. */
    public void resetTable() {
        session.device().resetErrorTable();
    }

    /** _dmerror_mark_range_bad (512-byte sectors). */
    public void markRangeBad(long sector, long sectors) {
        session.device().markRangeBad(sector, sectors);
    }

    /** _dmerror_mark_range_good (512-byte sectors). */
    public void markRangeGood(long sector, long sectors) {
        session.device().markRangeGood(sector, sectors);
    }
}
