package rig.engine.vm;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import rig.devices.own.Claim;
import rig.devices.own.Mounts;
import rig.devices.own.Registry;
import rig.sys.Exec;

/**
 * The guest's root file system: a minimal Debian 12 (bookworm) debootstrapped from the mirror
 * apt uses on this host, with the packages the rig needs in the guest, this host's kernel
 * modules, and a small init ({@value #INIT}) that mounts the run's 9p share and runs its
 * {@code init.sh}. Written with {@code mke2fs -d} into a sparse ext4 image (no loop device, no
 * mount on the host) under the cache directory, and built only when missing; guests boot it
 * with {@code snapshot=on}, so it never changes once built.
 */
public final class GuestImage {

    /** Default cache directory of guest images. */
    public static final Path CACHE = Path.of("/var/cache/rig/vm");
    /** Bump when the image content (packages, init) changes: a new file name, so a rebuild. */
    static final int FORMAT = 2;
    static final String SUITE = "bookworm";
    static final List<String> PACKAGES = List.of("openjdk-17-jre-headless", "btrfs-progs", "xfsprogs",
            "e2fsprogs", "dmsetup", "kmod", "util-linux", "fuse3", "procps");
    static final String INIT = "/usr/local/sbin/rig-init";
    static final String RUN_TAG = "rigrun";
    static final String RUN_MOUNT = "/rig/run";
    static final String IMAGE_SIZE = "3G";
    static final Duration DEBOOTSTRAP_TIMEOUT = Duration.ofMinutes(40);
    static final Duration TOOL_TIMEOUT = Duration.ofMinutes(10);

    private GuestImage() {
    }

    /**
     * The image file for {@code kernel} in {@code cacheDir} (it may not exist yet): one per kernel
     * whose modules it carries; one for every kernel that brings none (everything built in).
     */
    public static Path path(Path cacheDir, HostKernel kernel) {
        String modules = kernel.modules() == null ? "builtin" : kernel.version();
        return cacheDir.resolve(SUITE + "-" + modules + "-v" + FORMAT + ".img");
    }

    /** The image for {@code kernel}, built first if it is missing (several minutes; progress on {@code log}). */
    public static Path ensure(Path cacheDir, HostKernel kernel, Registry registry, PrintStream log) throws IOException {
        Path image = path(cacheDir, kernel);
        if (Files.isRegularFile(image)) {
            return image;
        }
        Files.createDirectories(cacheDir);
        try (FileChannel lockFile = FileChannel.open(cacheDir.resolve(".build.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
            if (!Files.isRegularFile(image)) { // another process may have built it while we waited
                build(image, kernel, registry, log);
            }
        }
        return image;
    }

    private static void build(Path image, HostKernel kernel, Registry registry, PrintStream log) throws IOException {
        Path cacheDir = image.getParent();
        Path root = cacheDir.resolve("build-" + ProcessHandle.current().pid());
        Path partial = cacheDir.resolve(image.getFileName() + ".partial");
        Claim rootClaim = registry.claim(Claim.Kind.DIRECTORY, root.toString());
        Claim partialClaim = registry.claim(Claim.Kind.BACKING_FILE, partial.toString());
        Instant start = Instant.now();
        try {
            String mirror = AptMirror.find();
            log.println("rig vm: building the guest image " + image + " (debootstrap " + SUITE + " from " + mirror
                    + "; several minutes, done once)");
            run(DEBOOTSTRAP_TIMEOUT, "debootstrap", "--variant=minbase", "--include=" + String.join(",", PACKAGES),
                    SUITE, root.toString(), mirror);
            Path modules = root.resolve("usr/lib/modules");
            Files.createDirectories(modules);
            if (kernel.modules() != null) {
                run(TOOL_TIMEOUT, "cp", "-a", kernel.modules().toString(), modules.toString());
            }
            writeInit(root);
            Files.writeString(root.resolve("etc/hostname"), "rig-guest\n");
            deleteDebs(root.resolve("var/cache/apt/archives"));
            Files.deleteIfExists(partial);
            run(TOOL_TIMEOUT, "mke2fs", "-q", "-t", "ext4", "-L", "rigroot", "-d", root.toString(), partial.toString(),
                    IMAGE_SIZE);
            Files.move(partial, image, StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(cacheDir.resolve(image.getFileName() + ".txt"), "Debian " + SUITE + " from " + mirror
                    + "\npackages: " + String.join(" ", PACKAGES) + "\nkernel modules: "
                    + (kernel.modules() == null ? "none (kernels with everything built in)" : kernel.version())
                    + "\nbuilt: " + Instant.now() + " in " + Duration.between(start, Instant.now()).toSeconds() + " s\n");
            log.println("rig vm: guest image built in " + Duration.between(start, Instant.now()).toSeconds() + " s");
        } finally {
            unmountLeftovers(root);
            run(TOOL_TIMEOUT, "rm", "-rf", "--one-file-system", root.toString());
            registry.release(rootClaim);
            Files.deleteIfExists(partial);
            registry.release(partialClaim);
        }
    }

    /** The init baked into the image: everything run-specific comes from the run share's init.sh. */
    static String initScript() {
        return """
                #!/bin/sh
                # rig vm guest init: mounts the run share (9p tag %1$s) and runs its init.sh, then powers off.
                PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
                export PATH
                mountpoint -q /proc || mount -t proc proc /proc
                mountpoint -q /sys || mount -t sysfs sysfs /sys
                mountpoint -q /dev || mount -t devtmpfs devtmpfs /dev
                mkdir -p %2$s
                # built into a kernel without modules, 9p needs no modprobe (which then fails)
                modprobe -q 9pnet_virtio; modprobe -q 9p
                if mount -t 9p -o trans=virtio,version=9p2000.L,msize=262144 %1$s %2$s; then
                    /bin/bash %2$s/init.sh
                    echo "rig-vm: init.sh exited $?"
                else
                    echo "rig-vm: cannot mount the run share (9p tag %1$s)"
                fi
                sync
                echo o > /proc/sysrq-trigger
                sleep 60
                """.formatted(RUN_TAG, RUN_MOUNT);
    }

    private static void writeInit(Path root) throws IOException {
        Path init = root.resolve(INIT.substring(1));
        Files.createDirectories(init.getParent());
        Files.writeString(init, initScript());
        Files.setPosixFilePermissions(init, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** A debootstrap that failed half way may leave its /proc or /sys mounted in the root it built. */
    private static void unmountLeftovers(Path root) throws IOException {
        List<Mounts.Mount> mounts = Mounts.under(root);
        for (int i = mounts.size() - 1; i >= 0; i--) {
            Exec.run(TOOL_TIMEOUT, "umount", "-l", mounts.get(i).mountPoint().toString());
        }
    }

    private static void deleteDebs(Path archives) throws IOException {
        if (!Files.isDirectory(archives)) {
            return;
        }
        try (Stream<Path> s = Files.list(archives)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".deb")).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void run(Duration timeout, String... command) throws IOException {
        Exec.run(timeout, command).orThrow();
    }
}
