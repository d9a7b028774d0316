package rig.devices.fault;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import rig.devices.BlockHandler;
import rig.devices.DeviceControl;

/**
 * The fault engine of the Java block device: a {@link BlockHandler} a transport serves to the
 * kernel and the {@link DeviceControl} of that device, in one object. With the empty table it
 * is a thin pass-through to the backing file (pread/pwrite straight from the transport's direct
 * buffers, flush as fdatasync, discard as a punched hole); the table language, the journal and
 * the volatile cache are described in the package documentation.
 *
 * <p>Buffers: {@code read} fills and {@code write} consumes the buffer from its position to its
 * limit; position and limit are unchanged on return. Requests beyond {@link #size()} fail with
 * EINVAL.
 *
 * <p>{@link #abort()}: the engine cannot reach the kernel connection itself. It fails every
 * held and future request (EIO) and then runs the hook the transport registered with
 * {@link #onAbort(Runnable)} (for FUSE: write to /sys/fs/fuse/connections/N/abort).
 */
public interface FaultEngine extends BlockHandler, DeviceControl, AutoCloseable {

    /**
     * Opens an engine over {@code backingFile} (created sparse if missing, grown to
     * {@code sizeBytes} if shorter; never deleted by the engine), serving the empty table.
     */
    static FaultEngine open(Path backingFile, long sizeBytes) throws IOException {
        return open(backingFile, sizeBytes, Journal.DEFAULT_CAPACITY);
    }

    /** As {@link #open(Path, long)}, keeping the last {@code journalEntries} requests (rounded up to a power of two). */
    static FaultEngine open(Path backingFile, long sizeBytes, int journalEntries) throws IOException {
        return new Engine(Backing.open(backingFile, sizeBytes), journalEntries);
    }

    /**
     * Checks a table's text against a device of {@code sizeBytes} without loading it; throws
     * {@link TableSyntaxException} naming {@code source}, the line and the fix.
     */
    public static void checkTable(String tableText, long sizeBytes, String source) throws TableSyntaxException {
        TableParser.parse(tableText, sizeBytes / 512, source);
    }

    /** The backing file. */
    Path backingFile();

    /** The journal summary ("3 write errors (EIO) on sectors 229376-231424", ...), one finding per line. */
    String journalSummary();

    /** What {@link #abort()} runs after failing the engine's requests (the transport's connection abort). */
    void onAbort(Runnable hook);

    // In process these cannot fail: narrowed from DeviceControl's IOException.

    @Override
    String table();

    @Override
    void suspend();

    @Override
    void resume();

    @Override
    int releaseStalls();

    @Override
    rig.devices.DeviceCounters counters();

    @Override
    List<String> journalTail(int n);

    @Override
    void abort();

    /** Fails held and future requests and closes the backing file (it stays on disk). */
    @Override
    void close();
}
