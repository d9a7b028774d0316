package rig.devices.own;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The rig's record of what it created on this host: one small file per thing (a mount, a loop
 * device, a FUSE mount, a backing file, a tracing instance, a process) in the state directory
 * ({@code $RIG_STATE_DIR}, default {@code /run/rig}), naming the owning process. The owner
 * releases its claims as it removes what they name; claims whose owner died (SIGKILL) are
 * orphans, removed by the sweep at the next start. Nothing without a claim is ever touched.
 */
public final class Registry {

    private static final AtomicLong SEQ = new AtomicLong();
    private final Path dir;

    private Registry(Path dir) {
        this.dir = dir;
    }

    /** The registry in {@code $RIG_STATE_DIR} or {@code /run/rig}, created if missing. */
    public static Registry open() {
        String env = System.getenv("RIG_STATE_DIR");
        return open(Path.of(env == null || env.isBlank() ? "/run/rig" : env));
    }

    public static Registry open(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the rig state directory " + dir
                    + " (set RIG_STATE_DIR to a writable directory)", e);
        }
        return new Registry(dir);
    }

    public Path dir() {
        return dir;
    }

    /** Records that this process created {@code resource} (a path or name) of {@code kind}. */
    public Claim claim(Claim.Kind kind, String resource) {
        ProcessHandle self = ProcessHandle.current();
        Claim claim = new Claim(kind, resource, self.pid(), Claim.startTicks(self.pid()),
                dir.resolve(self.pid() + "-" + System.nanoTime() + "-" + SEQ.incrementAndGet()
                        + "." + kind.name().toLowerCase()));
        Properties p = claim.toProperties();
        Path tmp = claim.file().resolveSibling(claim.file().getFileName() + ".tmp");
        try (var out = Files.newOutputStream(tmp)) {
            p.store(out, "rig claim");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record " + kind + " " + resource + " in " + dir, e);
        }
        try {
            Files.move(tmp, claim.file(), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record " + kind + " " + resource + " in " + dir, e);
        }
        return claim;
    }

    /** Forgets a claim once what it names is gone. */
    public void release(Claim claim) {
        try {
            Files.deleteIfExists(claim.file());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove claim " + claim.file(), e);
        }
    }

    /** Every claim on record, live or orphaned. */
    public List<Claim> claims() {
        List<Claim> all = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (!f.toString().endsWith(".tmp") && Files.isRegularFile(f)) {
                    Claim.read(f).ifPresent(all::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the rig state directory " + dir, e);
        }
        return all;
    }

    /**
     * Claim files a process was killed in the middle of writing ("PID-...-N.kind.tmp", never moved into
     * place): nothing was created under them yet, so they are only files to delete.
     */
    public List<Path> orphanedTemporaries() {
        List<Path> out = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                int dash = name.indexOf('-');
                if (name.endsWith(".tmp") && dash > 0 && !running(name.substring(0, dash))) {
                    out.add(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the rig state directory " + dir, e);
        }
        return out;
    }

    private static boolean running(String pid) {
        try {
            return Sweeper.running(Long.parseLong(pid));
        } catch (NumberFormatException e) {
            return true; // not a claim file of ours: left alone
        }
    }

    /** Claims whose owning process is gone: what a killed rig left behind. */
    public List<Claim> orphans() {
        return claims().stream().filter(c -> !c.ownerAlive()).toList();
    }
}
