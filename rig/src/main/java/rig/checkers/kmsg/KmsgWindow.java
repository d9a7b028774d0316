package rig.checkers.kmsg;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import rig.sys.Errno;
import rig.sys.LibC;

/**
 * The kernel log between two marker lines this process writes to /dev/kmsg ("rig: start ID"
 * and "rig: end ID", each with a nonce). Reads /dev/kmsg non-blocking from its end as it was at
 * {@link #open}, record by record; records the ring buffer overwrote before they were read
 * (EPIPE) are counted as lost.
 */
public final class KmsgWindow implements AutoCloseable {

    public static final String DEV = "/dev/kmsg";
    private static final AtomicLong SEQ = new AtomicLong();
    private static final int RECORD_MAX = 16 * 1024;

    private final int fd;
    private final String startMarker;
    private final String endMarker;
    private final ByteBuffer buf = ByteBuffer.allocateDirect(RECORD_MAX);
    private final byte[] bytes = new byte[RECORD_MAX];
    private final List<KmsgRecord> window = new ArrayList<>();
    private boolean started;
    private boolean ended;
    private long lost;

    private KmsgWindow(int fd, String id) {
        this.fd = fd;
        String nonce = ProcessHandle.current().pid() + "." + SEQ.incrementAndGet();
        this.startMarker = "rig: start " + id + " [" + nonce + "]";
        this.endMarker = "rig: end " + id + " [" + nonce + "]";
    }

    /** Opens /dev/kmsg at its end and writes the start marker for test {@code id}. */
    public static KmsgWindow open(String id) throws IOException {
        int fd = LibC.INSTANCE.open(DEV, LibC.O_RDONLY | LibC.O_NONBLOCK | LibC.O_CLOEXEC, 0);
        if (fd < 0) {
            throw new IOException("cannot open " + DEV + " for reading: " + LibC.describe(LibC.errno()) + " (run as root)");
        }
        if (LibC.INSTANCE.lseek(fd, 0, LibC.SEEK_END) < 0) {
            int err = LibC.errno();
            LibC.INSTANCE.close(fd);
            throw new IOException("cannot seek to the end of " + DEV + ": " + LibC.describe(err));
        }
        KmsgWindow w = new KmsgWindow(fd, id);
        write(w.startMarker);
        return w;
    }

    /** Writes one line to the kernel log at level notice (5), as the "user" facility does. */
    public static void write(String line) throws IOException {
        try (FileOutputStream out = new FileOutputStream(DEV)) {
            out.write(("<5>" + line + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Reads whatever records are available now. */
    public synchronized void drain() throws IOException {
        while (true) {
            buf.clear();
            long n = LibC.INSTANCE.read(fd, buf, RECORD_MAX);
            if (n < 0) {
                int err = LibC.errno();
                if (err == Errno.EAGAIN) {
                    return;
                }
                if (err == 32 /* EPIPE: overwritten before read */) {
                    lost++;
                    continue;
                }
                if (err == Errno.EINTR) {
                    continue;
                }
                throw new IOException("reading " + DEV + " failed: " + LibC.describe(err));
            }
            if (n == 0) {
                return;
            }
            buf.get(0, bytes, 0, (int) n);
            KmsgRecord.parse(new String(bytes, 0, (int) n, StandardCharsets.UTF_8)).ifPresent(this::take);
        }
    }

    private void take(KmsgRecord r) {
        if (ended) {
            return;
        }
        if (r.message().equals(startMarker)) {
            started = true;
        } else if (r.message().equals(endMarker)) {
            ended = true;
        } else if (started) {
            window.add(r);
        }
    }

    /** Writes the end marker and reads until it arrives (at most timeoutMillis). */
    public synchronized List<KmsgRecord> end(long timeoutMillis) throws IOException {
        if (!ended) {
            write(endMarker);
            long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
            drain();
            while (!ended && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                drain();
            }
        }
        return List.copyOf(window);
    }

    public synchronized List<KmsgRecord> records() {
        return List.copyOf(window);
    }

    public synchronized boolean sawStart() {
        return started;
    }

    public synchronized boolean sawEnd() {
        return ended;
    }

    public synchronized long lost() {
        return lost;
    }

    @Override
    public void close() {
        LibC.INSTANCE.close(fd);
    }
}
