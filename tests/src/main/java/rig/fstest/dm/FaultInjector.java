package rig.fstest.dm;

import java.io.IOException;

/**
 * The faults the dmerror and flakey words need from the scratch device, whichever backend
 * serves it (the Java device's fault tables, or device-mapper's error and flakey targets).
 */
interface FaultInjector extends AutoCloseable {

    /** Every request passes (dmerror's and flakey's working table). */
    void passAll() throws IOException;

    /** Every read and write fails with EIO (dmerror's error table). */
    void errorAll() throws IOException;

    /** Reads and writes of these sector ranges fail with EIO, the rest pass. */
    void errorRanges(java.util.List<SectorRange> bad) throws IOException;

    /** Writes are acknowledged and discarded, reads pass (flakey drop_writes). */
    void dropWrites() throws IOException;

    /** Writes fail with EIO, reads pass (flakey error_writes). */
    void errorWrites() throws IOException;

    /** What serves the faults, for the .full log ("Java device /run/rig/...sock"). */
    String describe();

    @Override
    void close() throws IOException;
}
