package rig.devices.fuse;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import rig.devices.BlockHandler;
import rig.devices.own.Claim;
import rig.devices.own.FuseConnections;
import rig.devices.own.Mounts;
import rig.devices.own.Registry;
import rig.sys.Errno;
import rig.sys.LibC;
import rig.sys.Unmount;

/**
 * A FUSE filesystem served by this process straight on /dev/fuse (no libfuse): one regular
 * file, {@link #file()}, whose every read, write, fsync and fallocate is a call of a
 * {@link BlockHandler}. Opened with direct I/O and negotiated for 1 MiB requests, so a loop
 * device with direct I/O on this file hands each bio to the handler as one request.
 *
 * <p>The process that serves a mount must never touch it (nor a filesystem mounted on a loop
 * device over it): its serving threads would wait on themselves.
 */
public final class FuseMount implements AutoCloseable {

    public static final String FS_TYPE = "fuse.rig";
    private static final long MS_NOSUID = 2, MS_NODEV = 4;
    private static final LibC C = LibC.INSTANCE;

    private final Path mountPoint;
    private final int connection;
    private final FuseSession session;
    private final Registry registry;
    private final Claim claim;
    private boolean closed;

    private FuseMount(Path mountPoint, int connection, FuseSession session, Registry registry, Claim claim) {
        this.mountPoint = mountPoint;
        this.connection = connection;
        this.session = session;
        this.registry = registry;
        this.claim = claim;
    }

    /**
     * Mounts a FUSE filesystem on the (empty, existing) directory {@code mountPoint} and serves
     * it with {@code threads} serving threads, more (up to {@code maxThreads}) while requests
     * are held in the handler. Warnings of the serving threads go to {@code log}.
     */
    public static FuseMount mount(Registry registry, Path mountPoint, String name, BlockHandler handler,
                                  int threads, int maxThreads, Consumer<String> log) throws IOException {
        Path mnt = mountPoint.toAbsolutePath().normalize();
        int fd = C.open("/dev/fuse", LibC.O_RDWR | LibC.O_CLOEXEC, 0);
        if (fd < 0) {
            throw new IOException("cannot open /dev/fuse: " + LibC.describe(LibC.errno())
                    + " (is the fuse module loaded and are we root?)");
        }
        Claim claim = registry.claim(Claim.Kind.FUSE_MOUNT, mnt.toString());
        String options = "fd=" + fd + ",rootmode=40000,user_id=0,group_id=0,allow_other,max_read="
                + SpliceReply.maxRead();
        if (C.mount("rig-" + name, mnt.toString(), FS_TYPE, MS_NOSUID | MS_NODEV, options) != 0) {
            int errno = LibC.errno();
            C.close(fd);
            registry.release(claim);
            throw new IOException("mount(2) of a FUSE filesystem on " + mnt + " failed: " + LibC.describe(errno));
        }
        FuseSession session = new FuseSession(name, fd, handler, threads, maxThreads, log);
        try {
            int connection = Mounts.at(mnt).filter(m -> m.fsType().equals(FS_TYPE))
                    .orElseThrow(() -> new IOException("the FUSE mount on " + mnt + " is not in mountinfo"))
                    .minor();
            session.handshake();
            session.start();
            return new FuseMount(mnt, connection, session, registry, claim);
        } catch (IOException | RuntimeException e) {
            Unmount.lazily(mnt);
            C.close(fd);
            registry.release(claim);
            throw e;
        }
    }

    public Path mountPoint() {
        return mountPoint;
    }

    /** The device file, to attach a loop device to (from another process). */
    public Path file() {
        return mountPoint.resolve(FuseMetadata.FILE_NAME);
    }

    /** The connection number: /sys/fs/fuse/connections/N (the minor of the mount's device). */
    public int connection() {
        return connection;
    }

    /** The FUSE protocol minor version agreed at INIT (7.minor). */
    public int protocolMinor() {
        return session.minorVersion();
    }

    public int threads() {
        return session.threads();
    }

    /** Fails every pending and future request: what unsticks a hung umount. */
    public void abort() throws IOException {
        FuseConnections.abort(registry, connection);
    }

    /** Waits until the connection has ended (unmounted or aborted); false on timeout. */
    public boolean awaitEnd(Duration limit) throws InterruptedException {
        return session.awaitEnd(limit.toMillis());
    }

    /**
     * Unmounts (lazily if something still holds the file, e.g. a loop device) and waits for the
     * serving threads; if they are still serving after {@code grace}, aborts the connection.
     */
    public synchronized void close(Duration grace) throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        session.closing();
        int errno = Unmount.now(mountPoint);
        if (errno != 0) {
            if (errno == Errno.EBUSY) {
                Unmount.lazily(mountPoint);
            } else if (errno != Errno.EINVAL && errno != Errno.ENOENT) {
                throw new IOException("umount of " + mountPoint + " failed: " + LibC.describe(errno));
            }
        }
        try {
            if (!session.awaitEnd(grace.toMillis())) {
                abort();
                session.awaitEnd(5000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        session.closeMasterFd();
        registry.release(claim);
    }

    @Override
    public void close() throws IOException {
        close(Duration.ofSeconds(5));
    }
}
