package rig.devices;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A faulty block device for tests, whichever backend serves it, in fstests' dmerror and
 * dmflakey words. Open one with {@link FaultyDevices#open}.
 *
 * <p>dmerror: the device starts with the working table (everything passes).
 * {@link #loadErrorTable()} swaps in the error table (suspend, load, resume); as in fstests it
 * starts as all errors, and {@link #resetErrorTable()}, {@link #markRangeBad} and
 * {@link #markRangeGood} edit it for the next load. {@link #loadWorkingTable()} swaps back.
 *
 * <p>dmflakey: {@link #dropWrites()} acknowledges writes and throws them away,
 * {@link #errorWrites()} fails them, {@link #allowWrites()} lets them through again (the
 * working table). Reads pass in all three.
 */
public interface FaultyDevice extends AutoCloseable {

    /** The block device to mkfs and mount. */
    Path path();

    /** "java" or "dm". */
    String backend();

    /** Device size in 512-byte sectors. */
    long sectors();

    /** Why this backend was chosen ("device-mapper not available in this kernel; using the Java device"). */
    String choice();

    void loadErrorTable() throws IOException;

    void loadWorkingTable() throws IOException;

    /** fstests' _dmerror_reset_table: the next error table errors nothing until ranges are marked bad. */
    void resetErrorTable();

    /** fstests' _dmerror_mark_range_bad: requests to these sectors fail in the next error table. */
    void markRangeBad(long sector, long sectors);

    /** fstests' _dmerror_mark_range_good: these sectors pass in the next error table. */
    void markRangeGood(long sector, long sectors);

    void dropWrites() throws IOException;

    void errorWrites() throws IOException;

    void allowWrites() throws IOException;

    /** Writes take {@code millis} longer (dm-delay's write delay; the Java device's delay rule); reads pass. */
    void delayWrites(int millis) throws IOException;

    /**
     * Makes the device cache acknowledged writes until a flush, as a disk with a volatile write
     * cache does (a power cut then loses them: {@link DeviceControl#powerCut()}), or write through
     * again; false when this backend cannot (dm).
     */
    default boolean volatileCache(boolean on) throws IOException {
        return false;
    }

    /**
     * Requests stop completing until the runner releases them after it declares the test hung:
     * the Java device stalls writes; dm suspends the device, which holds every request. False
     * when the backend cannot.
     */
    default boolean stall() throws IOException {
        return false;
    }

    /** The Java device's control (tables, stalls, journal, power cut); empty for the dm backend. */
    Optional<DeviceControl> control();

    /** Restores the working table; removes what the backend created (the dm device), not the scratch device. */
    @Override
    void close() throws IOException;
}
