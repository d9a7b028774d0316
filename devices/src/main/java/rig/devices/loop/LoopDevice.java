package rig.devices.loop;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import rig.devices.own.Claim;
import rig.devices.own.Registry;
import rig.sys.Errno;
import rig.sys.LibC;

/**
 * A loop device the rig attached to a backing file through the loop control interface
 * (LOOP_CTL_GET_FREE, LOOP_CONFIGURE), with autoclear: this object holds the device open for
 * its life, so if the process dies the kernel detaches the device as soon as nothing else (a
 * mount) holds it. {@link #close()} detaches it explicitly. Claimed in the {@link Registry}.
 */
public final class LoopDevice implements AutoCloseable {

    private static final int GET_FREE_ATTEMPTS = 50;
    private static final int S_IFBLK = 0060000;
    private static final LibC C = LibC.INSTANCE;

    private final Path path;
    private final Path backingFile;
    private final int fd;
    private final Registry registry;
    private final Claim claim;
    private boolean closed;

    private LoopDevice(Path path, Path backingFile, int fd, Registry registry, Claim claim) {
        this.path = path;
        this.backingFile = backingFile;
        this.fd = fd;
        this.registry = registry;
        this.claim = claim;
    }

    /** Attaches a free loop device to {@code backingFile}, claimed in the default registry. */
    public static LoopDevice attach(Path backingFile, int logicalBlockSize, boolean directIo) throws IOException {
        return attach(Registry.open(), backingFile, logicalBlockSize, directIo);
    }

    /**
     * Attaches a free loop device to {@code backingFile} with the given logical block size
     * (512 or 4096) and, when {@code directIo}, direct I/O on the backing file.
     */
    public static LoopDevice attach(Registry registry, Path backingFile, int logicalBlockSize, boolean directIo)
            throws IOException {
        if (logicalBlockSize < 512 || logicalBlockSize > 4096 || Integer.bitCount(logicalBlockSize) != 1) {
            throw new IllegalArgumentException("logical block size " + logicalBlockSize
                    + " is not a power of two between 512 and 4096");
        }
        Path file = backingFile.toAbsolutePath().normalize();
        int backingFd = C.open(file.toString(), LibC.O_RDWR | LibC.O_CLOEXEC, 0);
        if (backingFd < 0) {
            throw new IOException("cannot open backing file " + file + ": " + LibC.describe(LibC.errno()));
        }
        try {
            return configureFree(registry, file, backingFd, logicalBlockSize,
                    LoopIoctl.LO_FLAGS_AUTOCLEAR | (directIo ? LoopIoctl.LO_FLAGS_DIRECT_IO : 0));
        } finally {
            C.close(backingFd); // the loop driver holds its own reference to the file
        }
    }

    private static LoopDevice configureFree(Registry registry, Path file, int backingFd, int blockSize, int flags)
            throws IOException {
        int ctl = C.open("/dev/loop-control", LibC.O_RDWR | LibC.O_CLOEXEC, 0);
        if (ctl < 0) {
            throw new IOException("cannot open /dev/loop-control: " + LibC.describe(LibC.errno())
                    + " (is the loop module loaded and are we root?)");
        }
        try {
            int lastErrno = 0;
            for (int attempt = 0; attempt < GET_FREE_ATTEMPTS; attempt++) {
                int n = C.ioctl(ctl, LoopIoctl.LOOP_CTL_GET_FREE, 0L);
                if (n < 0) {
                    throw new IOException("LOOP_CTL_GET_FREE failed: " + LibC.describe(LibC.errno()));
                }
                Path dev = Path.of("/dev/loop" + n);
                int fd = openDevice(dev);
                Claim claim = registry.claim(Claim.Kind.LOOP_DEVICE, resource(dev, file, BackingIdentity.of(file)));
                ByteBuffer cfg = LoopIoctl.config(backingFd, blockSize, flags, file.toString());
                if (C.ioctl(fd, LoopIoctl.LOOP_CONFIGURE, cfg) == 0) {
                    return new LoopDevice(dev, file, fd, registry, claim);
                }
                lastErrno = LibC.errno();
                C.close(fd);
                registry.release(claim);
                if (lastErrno != Errno.EBUSY) {
                    throw new IOException("LOOP_CONFIGURE of " + dev + " on " + file + " (block size " + blockSize
                            + ", flags " + flags + ") failed: " + LibC.describe(lastErrno)
                            + ((flags & LoopIoctl.LO_FLAGS_DIRECT_IO) != 0
                                    ? " (does the backing filesystem support O_DIRECT?)" : ""));
                }
            }
            throw new IOException("no free loop device after " + GET_FREE_ATTEMPTS
                    + " attempts (another process keeps taking them): " + LibC.describe(lastErrno));
        } finally {
            C.close(ctl);
        }
    }

    private static int openDevice(Path dev) throws IOException {
        for (int i = 0; i < 100; i++) { // devtmpfs creates the node of a new device asynchronously
            int fd = C.open(dev.toString(), LibC.O_RDWR | LibC.O_CLOEXEC, 0);
            if (fd >= 0) {
                return fd;
            }
            int errno = LibC.errno();
            if (errno != Errno.ENOENT) {
                throw new IOException("cannot open " + dev + ": " + LibC.describe(errno));
            }
            if (i == 5) {
                makeNode(dev); // a container's /dev is no devtmpfs: nobody else makes the node there
            }
            sleep(10);
        }
        throw new IOException(dev + " did not appear within 1 s of LOOP_CTL_GET_FREE");
    }

    /** Makes {@code dev}'s node from /sys/class/block/NAME/dev when the device exists; EEXIST is a race won by devtmpfs. */
    private static void makeNode(Path dev) throws IOException {
        Path numbers = Path.of("/sys/class/block", dev.getFileName().toString(), "dev");
        if (!Files.exists(numbers)) {
            return;
        }
        String[] mm = Files.readString(numbers).strip().split(":");
        long major = Long.parseLong(mm[0]);
        long minor = Long.parseLong(mm[1]);
        long makedev = (minor & 0xff) | ((major & 0xfff) << 8) | ((minor & ~0xffL) << 12) | ((major & ~0xfffL) << 32);
        if (C.mknod(dev.toString(), S_IFBLK | 0660, makedev) != 0 && LibC.errno() != Errno.EEXIST) {
            throw new IOException("cannot make the node " + dev + " (block " + major + ":" + minor + "): "
                    + LibC.describe(LibC.errno()) + " (in a container: allow block major 7, e.g."
                    + " --device-cgroup-rule 'b 7:* rwm')");
        }
    }

    /** The registry resource of a loop device: "/dev/loopN|backing file|inode@device" ({@link BackingIdentity}). */
    public static String resource(Path device, Path backingFile, String backingIdentity) {
        return device + "|" + backingFile + "|" + backingIdentity;
    }

    /** The identity of the file backing the loop device open as {@code fd}, or empty when it is detached. */
    public static java.util.Optional<String> backingIdentity(int fd) throws IOException {
        ByteBuffer info = LoopIoctl.info();
        if (C.ioctl(fd, LoopIoctl.LOOP_GET_STATUS64, info) != 0) {
            if (LibC.errno() == Errno.ENXIO) {
                return java.util.Optional.empty();
            }
            throw new IOException("LOOP_GET_STATUS64 failed: " + LibC.describe(LibC.errno()));
        }
        return java.util.Optional.of(LoopIoctl.backingIdentity(info));
    }

    /** The /dev/loopN path to mkfs, mount or hand to a test. */
    public Path path() {
        return path;
    }

    public Path backingFile() {
        return backingFile;
    }

    /** True while the kernel reports direct I/O on for this device. */
    public boolean directIo() {
        try {
            return Files.readString(Path.of("/sys/block", path.getFileName().toString(), "loop", "dio"))
                    .strip().equals("1");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Detaches the device (LOOP_CLR_FD; if a mount still holds it the kernel detaches it when
     * that mount goes) and forgets the claim.
     */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        int rc = C.ioctl(fd, LoopIoctl.LOOP_CLR_FD, 0L);
        int errno = rc < 0 ? LibC.errno() : 0;
        C.close(fd);
        registry.release(claim);
        if (rc < 0 && errno != Errno.ENXIO) {
            throw new IOException("LOOP_CLR_FD of " + path + " failed: " + LibC.describe(errno));
        }
    }

    @Override
    public String toString() {
        return path + " on " + backingFile;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
