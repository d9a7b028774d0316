package rig.checkers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import rig.devices.own.Claim;
import rig.devices.own.Registry;
import rig.sys.Exec;

/**
 * For integration tests: a filesystem on a loop device over a sparse file in /dev/shm, mounted
 * on a temporary directory; everything is claimed in the given registry and removed by close(),
 * also after a failure. (Until rig.devices.loop.LoopDevice lands, through losetup.)
 */
public final class LoopFs implements AutoCloseable {

    private static final AtomicLong SEQ = new AtomicLong();
    private static final Duration T = Duration.ofSeconds(120);

    private final Registry registry;
    private final List<Claim> claims = new ArrayList<>();
    public final Path image;
    public final Path mnt;
    public final String fstype;
    public String device;
    private Claim mountClaim;

    private String mountOptions;

    private LoopFs(Registry registry, String fstype, Path imageDir) throws IOException {
        this.registry = registry;
        this.fstype = fstype;
        String name = "rig-checkers-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet();
        image = imageDir.resolve(name + ".img");
        mnt = Files.createTempDirectory(name + "-mnt");
    }

    public static boolean available(String fstype) {
        return Exec.onPath("losetup") && Exec.onPath("mkfs." + fstype) && Files.isDirectory(Path.of("/dev/shm"))
                && ProcessHandle.current().info().user().map("root"::equals).orElse(false);
    }

    /** Creates the image (filled with {@code fill} first when not null), the loop device and the fs; mounts it. */
    public static LoopFs create(Registry registry, String fstype, long sizeMiB, Integer fill, String... mkfsArgs)
            throws IOException {
        return create(registry, Path.of("/dev/shm"), null, fstype, sizeMiB, fill, mkfsArgs);
    }

    /** As above, with the image in {@code imageDir} and mount options (null for none). */
    public static LoopFs create(Registry registry, Path imageDir, String mountOptions, String fstype, long sizeMiB,
                                Integer fill, String... mkfsArgs) throws IOException {
        LoopFs fs = new LoopFs(registry, fstype, imageDir);
        fs.mountOptions = mountOptions;
        try {
            fs.claims.add(registry.claim(Claim.Kind.DIRECTORY, fs.mnt.toString()));
            fs.claims.add(registry.claim(Claim.Kind.BACKING_FILE, fs.image.toString()));
            if (fill == null) {
                Exec.run(T, "truncate", "-s", sizeMiB + "M", fs.image.toString()).orThrow();
            } else {
                byte[] mib = new byte[1 << 20];
                java.util.Arrays.fill(mib, (byte) (int) fill);
                try (var out = Files.newOutputStream(fs.image)) {
                    for (long i = 0; i < sizeMiB; i++) {
                        out.write(mib);
                    }
                }
            }
            fs.device = Exec.run(T, "losetup", "-f", "--show", fs.image.toString()).orThrow().stdout().strip();
            fs.claims.add(registry.claim(Claim.Kind.LOOP_DEVICE, fs.device));
            List<String> mkfs = new ArrayList<>(List.of("mkfs." + fstype));
            mkfs.addAll(List.of(mkfsArgs));
            mkfs.add(fstype.equals("ext4") ? "-F" : "-f");
            if (fstype.equals("ext4")) {
                mkfs.add("-q");
            }
            mkfs.add(fs.device);
            Exec.run(T, mkfs).orThrow();
            fs.mount();
            return fs;
        } catch (IOException | RuntimeException e) {
            fs.close();
            throw e;
        }
    }

    public void mount() throws IOException {
        if (mountOptions == null) {
            Exec.run(T, "mount", device, mnt.toString()).orThrow();
        } else {
            Exec.run(T, "mount", "-o", mountOptions, device, mnt.toString()).orThrow();
        }
        mountClaim = registry.claim(Claim.Kind.MOUNT, mnt.toString());
    }

    public void unmount() throws IOException {
        if (mountClaim != null) {
            Exec.run(T, "umount", mnt.toString()).orThrow();
            registry.release(mountClaim);
            mountClaim = null;
        }
    }

    public Path file(String name) {
        return mnt.resolve(name);
    }

    @Override
    public void close() throws IOException {
        List<String> problems = new ArrayList<>();
        try {
            unmount();
        } catch (IOException e) {
            problems.add(e.getMessage());
        }
        for (int i = claims.size() - 1; i >= 0; i--) {
            Claim c = claims.get(i);
            try {
                switch (c.kind()) {
                    case LOOP_DEVICE -> Exec.run(T, "losetup", "-d", c.resource()).orThrow();
                    case BACKING_FILE -> Files.deleteIfExists(Path.of(c.resource()));
                    case DIRECTORY -> Files.deleteIfExists(Path.of(c.resource()));
                    default -> { }
                }
                registry.release(c);
            } catch (IOException e) {
                problems.add(e.getMessage());
            }
        }
        claims.clear();
        if (!problems.isEmpty()) {
            throw new IOException("cleanup of " + image + " left problems: " + problems);
        }
    }
}
