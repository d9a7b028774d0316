package rig.devices;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Run-time control of a Java block device, in dm's spirit: tables are swapped atomically
 * (suspend, load, resume), stalled requests are released, a volatile write cache can be lost
 * in a power cut. Implemented in-process by the fault engine and remotely (control socket) by
 * the client of a device served by another process.
 */
public interface DeviceControl {

    /** Suspends (new requests wait, in-flight ones finish), loads the table text, resumes. */
    void loadTable(String tableText) throws IOException;

    /** The table in force, in its text form (one line per range, like dmsetup table). */
    String table() throws IOException;

    /** New requests wait until {@link #resume()}; returns when in-flight requests are done. */
    void suspend() throws IOException;

    void resume() throws IOException;

    /** Lets every request held by a stall rule proceed. Returns how many were released. */
    int releaseStalls() throws IOException;

    /** Drops every write acknowledged since the last flush (volatile-cache mode). */
    void powerCut() throws IOException;

    /** Counters: requests, bytes, errors by op and rule, stalled now. */
    DeviceCounters counters() throws IOException;

    /** The last {@code n} I/O journal entries, oldest first, one line each. */
    List<String> journalTail(int n) throws IOException;

    /** Writes the whole retained journal and its summary to {@code file}. */
    void saveJournal(Path file) throws IOException;

    /** Aborts the kernel connection: pending and future requests fail, so umount can proceed. */
    void abort() throws IOException;
}
