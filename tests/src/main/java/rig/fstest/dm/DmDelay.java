package rig.fstest.dm;

import java.io.IOException;
import java.io.PrintStream;
import rig.fstest.fs.Filesystem;

/**
 * fstests' dmdelay words (common/dmdelay) over the rig's faulty device: init, mount, unmount, load
 * a delay table, cleanup. {@link #loadWriteDelayTable} delays writes, which fstests' tables do not
 * (they delay reads, DELAY_READ, by 10 s).
 */
public final class DmDelay extends FaultHelper {
    /** _load_delay_table's modes. */
    public static final int DELAY_NONE = 0;

    public DmDelay(Filesystem scratch, FaultDevices.Opener opener, PrintStream full) {
        super(scratch, opener, full, "dmdelay");
    }

    /** _init_delay: takes control of the faulty device, no delay. */
    public void init() throws IOException {
        session.open().loadWorkingTable();
    }

    /** _load_delay_table DELAY_NONE: no delay. */
    public void loadDelayTable(int mode) throws IOException {
        if (mode != DELAY_NONE) {
            throw new IllegalArgumentException("delay mode " + mode + ": only DELAY_NONE here; use loadWriteDelayTable");
        }
        full.println("dmdelay: no delay");
        session.device().loadWorkingTable();
    }

    /**
     * Writes never complete until the runner releases them after the hang (the Java device's stall
     * rule; with dm a suspended device, which holds reads too): a device that stops answering.
     */
    public boolean stallWrites() throws IOException {
        full.println("dmdelay: writes stalled until released");
        return session.device().stall();
    }

    /** Writes take {@code millis} longer; reads pass. */
    public void loadWriteDelayTable(int millis) throws IOException {
        full.println("dmdelay: writes delayed " + millis + " ms");
        session.device().delayWrites(millis);
    }
}
