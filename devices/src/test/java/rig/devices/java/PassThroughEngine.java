package rig.devices.java;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import rig.sys.LibC;

/**
 * Test-only stand-in for the fault engine, for exercising the transport and the control path
 * without it: passes everything to the backing file; "stall" as the table holds writes until
 * released or aborted.
 */
public final class PassThroughEngine implements ServedEngine {

    private static final LibC C = LibC.INSTANCE;
    private final int fd;
    private final long size;
    private volatile String table = "";
    private volatile boolean aborted;
    private Runnable hook = () -> { };
    private final Object stallLock = new Object();
    private long releases;

    PassThroughEngine(Path file, long size) throws IOException {
        this.fd = C.open(file.toString(), LibC.O_RDWR | LibC.O_CLOEXEC | LibC.O_CREAT, 0600);
        if (fd < 0 || C.ftruncate(fd, size) != 0) {
            throw new IOException("open " + file + ": " + LibC.describe(LibC.errno()));
        }
        this.size = size;
    }

    public static void main(String[] args) {
        System.exit(DeviceServer.run(PassThroughEngine::new, args));
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int read(long offset, ByteBuffer dst) {
        if (aborted) {
            return 5;
        }
        long n = C.pread(fd, LibC.address(dst) + dst.position(), dst.remaining(), offset);
        return n == dst.remaining() ? 0 : 5;
    }

    @Override
    public int write(long offset, ByteBuffer src, boolean fua) {
        if (table.contains("stall")) {
            synchronized (stallLock) {
                long ticket = releases;
                while (ticket == releases && !aborted) {
                    try {
                        stallLock.wait();
                    } catch (InterruptedException e) {
                        return 5;
                    }
                }
            }
        }
        if (aborted) {
            return 5;
        }
        long n = C.pwrite(fd, LibC.address(src) + src.position(), src.remaining(), offset);
        return n == src.remaining() ? 0 : 5;
    }

    @Override
    public int flush() {
        return C.fdatasync(fd) == 0 ? 0 : LibC.errno();
    }

    @Override
    public int discard(long offset, long length) {
        return C.fallocate(fd, 3, offset, length) == 0 ? 0 : LibC.errno();
    }

    @Override
    public void loadTable(String tableText) throws IOException {
        if (tableText.contains("bad")) {
            throw new IOException("table line 1: \"bad\" is not a rule");
        }
        table = tableText;
    }

    @Override
    public String table() {
        return table;
    }

    @Override
    public void suspend() {
    }

    @Override
    public void resume() {
    }

    @Override
    public int releaseStalls() {
        synchronized (stallLock) {
            releases++;
            table = "";
            stallLock.notifyAll();
        }
        return 0;
    }

    @Override
    public void powerCut() {
    }

    @Override
    public String counters() {
        return "requests 0";
    }

    @Override
    public List<String> journalTail(int n) {
        return List.of("line 1", "line 2").subList(0, Math.min(n, 2));
    }

    @Override
    public void saveJournal(Path file) throws IOException {
        java.nio.file.Files.writeString(file, "journal\n");
    }

    @Override
    public String journalSummary() {
        return "no findings";
    }

    @Override
    public void onAbort(Runnable hook) {
        this.hook = hook;
    }

    @Override
    public void abort() {
        aborted = true;
        synchronized (stallLock) {
            stallLock.notifyAll();
        }
        hook.run();
    }

    @Override
    public void close() {
        abort();
        C.close(fd);
    }
}
