package rig.devices;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import rig.devices.dm.DmDevice;
import rig.devices.dm.DmTable;

/** The dm backend: a dm device stacked on the scratch device; tables swapped with dmsetup. */
final class DmFaultyDevice extends BadRangesDevice {

    private final DmDevice dm;
    private final String lower;

    DmFaultyDevice(DmDevice dm, String lower, long sectors, String choice) {
        super(sectors, choice);
        this.dm = dm;
        this.lower = lower;
    }

    static DmTable workingTable(String lower, long sectors) {
        return DmTable.linear(lower, sectors);
    }

    /** Bad segments map to error, good ones linearly to the same sectors of the lower device. */
    static DmTable errorTable(String lower, BadRanges bad) {
        DmTable.Builder b = DmTable.builder();
        for (BadRanges.Segment s : bad.segments()) {
            if (s.bad()) {
                b.error(s.start(), s.length());
            } else {
                b.linear(s.start(), s.length(), lower, s.start());
            }
        }
        return b.build();
    }

    /** fstests' dmflakey tables: up 0 s, down 180 s, one feature. */
    static DmTable flakeyTable(String lower, long sectors, String feature) {
        return DmTable.builder().flakey(0, sectors, lower, 0, 0, 180, feature).build();
    }

    DmTable errorTable() {
        return errorTable(lower, bad);
    }

    @Override
    public Path path() {
        return dm.path();
    }

    @Override
    public String backend() {
        return "dm";
    }

    @Override
    public void loadErrorTable() throws IOException {
        dm.reload(errorTable(), true);
    }

    /**
     * A device just created with the working table (dmerror init) keeps it without a reload: the
     * suspend, load and resume would change nothing but cost three dmsetup runs.
     */
    @Override
    public void loadWorkingTable() throws IOException {
        DmTable working = workingTable(lower, sectors());
        if (!dm.serving(working)) {
            dm.reload(working, false);
        }
    }

    @Override
    public void dropWrites() throws IOException {
        dm.reload(flakeyTable(lower, sectors(), "drop_writes"), true);
    }

    @Override
    public void errorWrites() throws IOException {
        dm.reload(flakeyTable(lower, sectors(), "error_writes"), true);
    }

    @Override
    public void delayWrites(int millis) throws IOException {
        dm.reload(DmTable.builder().delay(0, sectors(), lower, 0, 0, millis).build(), true);
    }

    @Override
    public void allowWrites() throws IOException {
        dm.reload(workingTable(lower, sectors()), false);
    }

    /** A suspended dm device queues every request; the runner resumes it after the hang (DeviceMapper.resumeSuspended). */
    @Override
    public boolean stall() throws IOException {
        dm.suspend(true);
        return true;
    }

    @Override
    public Optional<DeviceControl> control() {
        return Optional.empty();
    }

    @Override
    public void close() throws IOException {
        dm.close();
    }
}
