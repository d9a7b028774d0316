package rig.devices.fuse;

import static rig.devices.fuse.FuseProtocol.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import rig.devices.BlockHandler;
import rig.sys.Errno;
import rig.sys.LibC;

/**
 * One FUSE connection: the INIT handshake, then serving threads, each on its own /dev/fuse fd
 * cloned from the mount's fd. A request held long in the handler (a stall rule) must not starve
 * the others, so a monitor adds a serving thread whenever all are busy and one has been busy
 * for a while, up to a maximum.
 */
final class FuseSession {

    static final int MAX_IO = 1 << 20;
    static final int MAX_PAGES_WANTED = 256;
    static final int IN_BUFFER = MAX_IO + 8192;
    private static final LibC C = LibC.INSTANCE;
    /** A request in the handler this long, with no thread free, gets another thread (stalls, not load). */
    private static final long SLOW_NANOS = 250_000_000L;

    private final BlockHandler handler;
    private final FuseMetadata metadata;
    private final ByteBuffer zeros = LibC.allocateAligned(MAX_IO); // never written: the zeros of ZERO_RANGE
    private final int masterFd;
    private final int minThreads, maxThreads;
    private final String name;
    private final Consumer<String> log;
    private final List<FuseWorker> workers = new ArrayList<>();
    private final AtomicInteger idle = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicBoolean ioFlusherWarned = new java.util.concurrent.atomic.AtomicBoolean();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final boolean spliceReads = SpliceReply.enabled();
    private volatile boolean closing;
    private Thread monitor;
    private int minorVersion;

    FuseSession(String name, int masterFd, BlockHandler handler, int minThreads, int maxThreads, Consumer<String> log) {
        this.name = name;
        this.masterFd = masterFd;
        this.handler = handler;
        this.metadata = new FuseMetadata(handler.size());
        this.minThreads = minThreads;
        this.maxThreads = Math.max(minThreads, maxThreads);
        this.log = log;
    }

    BlockHandler handler() {
        return handler;
    }

    FuseMetadata metadata() {
        return metadata;
    }

    ByteBuffer zeros() {
        return zeros;
    }

    /** Whether serving threads send READ replies with splice(2) ({@link SpliceReply}). */
    boolean spliceReads() {
        return spliceReads;
    }

    int minorVersion() {
        return minorVersion;
    }

    /** PR_SET_IO_FLUSHER needs CAP_SYS_RESOURCE; said once per session, not per thread. */
    void ioFlusherRefused(int errno) {
        if (ioFlusherWarned.compareAndSet(false, true)) {
            warn("PR_SET_IO_FLUSHER refused (" + LibC.describe(errno) + "; it needs CAP_SYS_RESOURCE): serving threads"
                    + " are not I/O flushers, so memory reclaim in this process may wait on this device");
        }
    }

    void warn(String message) {
        log.accept("fuse " + name + ": " + message);
    }

    /** Reads the kernel's INIT from the mount's fd and answers it. */
    void handshake() throws IOException {
        ByteBuffer in = LibC.allocateAligned(IN_BUFFER);
        long n;
        do {
            n = C.read(masterFd, LibC.address(in), in.capacity());
        } while (n < 0 && (LibC.errno() == Errno.EINTR || LibC.errno() == Errno.ENOENT));
        if (n < 0) {
            throw new IOException("reading INIT from /dev/fuse failed: " + LibC.describe(LibC.errno()));
        }
        if (in.getInt(H_OPCODE) != INIT) {
            throw new IOException("the kernel's first FUSE request was opcode " + in.getInt(H_OPCODE) + ", not INIT");
        }
        ByteBuffer out = LibC.allocateAligned(OUT_HEADER + INIT_OUT);
        int len = FuseInit.reply(in, out);
        minorVersion = FuseInit.negotiatedMinor(in);
        if (C.write(masterFd, LibC.address(out), len) < 0) {
            throw new IOException("replying to INIT failed: " + LibC.describe(LibC.errno()));
        }
    }

    /** Starts the serving threads (the first on the mount's fd) and the monitor. */
    synchronized void start() throws IOException {
        startWorker(masterFd);
        for (int i = 1; i < minThreads; i++) {
            startWorker(cloneFd());
        }
        monitor = new Thread(this::watch, "fuse-" + name + "-monitor");
        monitor.setDaemon(true);
        monitor.start();
    }

    private int cloneFd() throws IOException {
        int fd = C.open("/dev/fuse", LibC.O_RDWR | LibC.O_CLOEXEC, 0);
        if (fd < 0) {
            throw new IOException("cannot open /dev/fuse: " + LibC.describe(LibC.errno()));
        }
        ByteBuffer master = ByteBuffer.allocateDirect(4).order(java.nio.ByteOrder.nativeOrder()).putInt(0, masterFd);
        if (C.ioctl(fd, FUSE_DEV_IOC_CLONE, master) != 0) {
            int errno = LibC.errno();
            C.close(fd);
            throw new IOException("FUSE_DEV_IOC_CLONE failed: " + LibC.describe(errno));
        }
        return fd;
    }

    private void startWorker(int fd) {
        FuseWorker w = new FuseWorker(this, fd);
        workers.add(w);
        idle.incrementAndGet();
        Thread t = new Thread(w, "fuse-" + name + "-" + workers.size());
        t.setDaemon(true);
        t.start();
    }

    void takeRequest() {
        idle.decrementAndGet();
    }

    void requestDone() {
        idle.incrementAndGet();
    }

    synchronized void workerExited(FuseWorker w) {
        idle.decrementAndGet();
        workers.remove(w);
        if (w.fd() != masterFd) {
            C.close(w.fd());
        }
        if (workers.isEmpty()) {
            ended.countDown();
        }
    }

    synchronized int threads() {
        return workers.size();
    }

    private void watch() {
        while (!closing && ended.getCount() > 0) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
            if (idle.get() <= 0) {
                addWorkerIfStuck();
            }
        }
    }

    private synchronized void addWorkerIfStuck() {
        if (closing || workers.isEmpty() || workers.size() >= maxThreads) {
            return;
        }
        long now = System.nanoTime();
        for (FuseWorker w : workers) {
            long since = w.busySince;
            if (since != 0 && now - since > SLOW_NANOS) {
                try {
                    startWorker(cloneFd());
                } catch (IOException e) {
                    warn("cannot add a serving thread: " + e.getMessage());
                }
                return;
            }
        }
    }

    /** Waits until every serving thread has ended (connection unmounted or aborted). */
    boolean awaitEnd(long millis) throws InterruptedException {
        return ended.await(millis, TimeUnit.MILLISECONDS);
    }

    void closing() {
        closing = true;
    }

    void closeMasterFd() {
        C.close(masterFd);
    }
}
