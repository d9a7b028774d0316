package rig.fstest.dm;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import rig.fstest.fs.Filesystem;

/**
 * fstests' dmerror words (common/dmerror) on the scratch device: init, mount, unmount, load
 * the error table, load the working table, mark ranges bad or good, cleanup. Where fstests
 * stacks dm-error on SCRATCH_DEV, the rig's scratch device injects the errors itself, so
 * "mount" mounts SCRATCH_DEV on SCRATCH_MNT and the tables are swapped under the mounted
 * filesystem, as dmsetup suspend/load/resume does.
 */
public final class DmError {
    private final Filesystem scratch;
    private final FaultDevices.Opener opener;
    private final PrintStream full;
    private final List<SectorRange> bad = new ArrayList<>();
    private FaultInjector device;

    public DmError(Filesystem scratch, FaultDevices.Opener opener, PrintStream full) {
        this.scratch = scratch;
        this.opener = opener;
        this.full = full;
    }

    /** _dmerror_init: takes control of the scratch device's faults, working table loaded. */
    public void init() throws IOException {
        if (device == null) {
            device = opener.open();
            full.println("dmerror: faults served by " + device.describe());
        }
        device.passAll();
    }

    /** _dmerror_mount. */
    public void mount() throws IOException {
        scratch.mount();
    }

    /** _dmerror_mount with extra mount options. */
    public void mount(String options) throws IOException {
        scratch.mount(options);
    }

    /** _dmerror_unmount. */
    public void unmount() throws IOException {
        scratch.unmount();
    }

    /** _dmerror_load_error_table: every read and write fails (or only the ranges marked bad). */
    public void loadErrorTable() throws IOException {
        full.println("dmerror: error table" + (bad.isEmpty() ? " (whole device)" : " " + bad));
        if (bad.isEmpty()) {
            device().errorAll();
        } else {
            device().errorRanges(List.copyOf(bad));
        }
    }

    /** _dmerror_load_working_table: every request passes. */
    public void loadWorkingTable() throws IOException {
        full.println("dmerror: working table");
        device().passAll();
    }

    /** _dmerror_mark_range_bad: the next error table fails only the marked ranges. */
    public void markRangeBad(long startSector, long sectors) {
        bad.add(new SectorRange(startSector, sectors));
    }

    /** _dmerror_mark_range_good: forgets marked ranges overlapping this one. */
    public void markRangeGood(long startSector, long sectors) {
        long end = startSector + sectors;
        bad.removeIf(r -> r.start() < end && startSector < r.end());
    }

    /** _dmerror_cleanup: unmount if mounted, working table back, control released. Safe to repeat. */
    public void cleanup() throws IOException {
        scratch.unmountQuietly();
        if (device != null) {
            try {
                device.passAll();
            } finally {
                device.close();
                device = null;
            }
        }
    }

    private FaultInjector device() {
        if (device == null) {
            throw new IllegalStateException("dmerror used before dmerror.init()");
        }
        return device;
    }
}
