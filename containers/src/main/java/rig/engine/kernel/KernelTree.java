package rig.engine.kernel;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import rig.sys.Exec;

/**
 * The kernel sources and builds under the cache: Debian's linux-source-VERSION unpacked once
 * ({@code src-VERSION}), build directories ({@code build-NAME}) and ccache's. A patched build
 * applies its patches to the tree and reverts them afterwards, holding the tree's lock meanwhile.
 */
final class KernelTree {
    private static final Duration STEP = Duration.ofMinutes(20);

    private final Path cache;

    KernelTree(Path cache) {
        this.cache = cache;
    }

    Path ccache() {
        return cache.resolve("ccache");
    }

    /** /usr/src/linux-source-VERSION.tar.xz (apt-get installs it and the build tools when missing), unpacked once. */
    Path debianSource(String version, PrintStream log) throws IOException {
        if (!version.matches("\\d+\\.\\d+")) {
            throw new BadBuildException("--debian " + version + ": give a version like 6.1 or 6.12 (linux-source-VERSION)");
        }
        Path tree = cache.resolve("src-" + version);
        if (Files.isRegularFile(tree.resolve("Makefile"))) {
            return tree;
        }
        Path tarball = Path.of("/usr/src/linux-source-" + version + ".tar.xz");
        if (!Files.isRegularFile(tarball)) {
            log.println("rig kernel build: apt-get install linux-source-" + version + " and the build tools");
            Exec.run(STEP, null, Map.of("DEBIAN_FRONTEND", "noninteractive"), List.of("apt-get", "install", "-y",
                    "--no-install-recommends", "linux-source-" + version, "flex", "bison", "bc", "libelf-dev", "libssl-dev",
                    "ccache", "xz-utils")).orThrow();
        }
        Files.createDirectories(cache);
        Path partial = Files.createDirectories(cache.resolve("unpack-" + ProcessHandle.current().pid()));
        log.println("rig kernel build: unpacking " + tarball);
        Exec.run(STEP, "tar", "xf", tarball.toString(), "-C", partial.toString()).orThrow();
        Files.move(partial.resolve("linux-source-" + version), tree);
        Files.delete(partial);
        return tree;
    }

    /** A copy of build directory {@code base} as {@code out} (times kept, so make rebuilds only what changed). */
    void seed(Path base, Path out) throws IOException {
        if (!Files.isRegularFile(base.resolve(".config"))) {
            throw new BadBuildException("--from: " + base + " holds no build; build it first (rig kernel build --name "
                    + base.getFileName().toString().substring("build-".length()) + ")");
        }
        if (Files.exists(out)) {
            Exec.run(STEP, "rm", "-rf", "--one-file-system", out.toString()).orThrow();
        }
        Exec.run(STEP, "cp", "-a", base.toString(), out.toString()).orThrow();
    }

    /** Applies {@code patches} to {@code src} (-p1) under the tree's lock; closing reverts them and lets go. */
    Patched patch(Path src, List<Path> patches, PrintStream log) throws IOException {
        FileChannel lockFile = FileChannel.open(cache.resolve(".lock-" + src.getFileName()), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock = lockFile.lock();
        Patched p = new Patched(src, lockFile, lock, log);
        try {
            for (Path patch : patches) {
                p.apply(patch.toAbsolutePath());
            }
        } catch (IOException | RuntimeException e) {
            p.close();
            throw e;
        }
        return p;
    }

    /** Patches applied to a tree, reverted in reverse order by {@link #close()}. */
    static final class Patched implements AutoCloseable {
        private final Path src;
        private final FileChannel lockFile;
        private final FileLock lock;
        private final PrintStream log;
        private final List<Path> applied = new ArrayList<>();

        Patched(Path src, FileChannel lockFile, FileLock lock, PrintStream log) {
            this.src = src;
            this.lockFile = lockFile;
            this.lock = lock;
            this.log = log;
        }

        void apply(Path patch) throws IOException {
            log.println("rig kernel build: applying " + patch);
            Exec.Result r = Exec.run(STEP, src, Map.of(), List.of("patch", "-p1", "--forward", "--no-backup-if-mismatch",
                    "-i", patch.toString()));
            if (!r.ok()) {
                throw new BadBuildException("--patch " + patch + " does not apply to " + src + ": "
                        + r.output().lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse(""));
            }
            applied.add(0, patch);
        }

        @Override
        public void close() throws IOException {
            try {
                for (Path patch : applied) {
                    Exec.run(STEP, src, Map.of(), List.of("patch", "-p1", "-R", "--no-backup-if-mismatch", "-i",
                            patch.toString())).orThrow();
                }
            } finally {
                lock.release();
                lockFile.close();
            }
        }
    }
}
