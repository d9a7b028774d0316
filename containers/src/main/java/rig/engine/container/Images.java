package rig.engine.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.utility.DockerImageName;
import rig.devices.own.Claim;
import rig.devices.own.Mounts;
import rig.devices.own.Registry;
import rig.engine.vm.AptMirror;
import rig.sys.Exec;

/**
 * The userland images, built locally since no registry is reachable, each once: a base root file
 * system from debootstrap ({@code rig-base:SUITE-vN}, imported), then a layer with the userland's
 * packages and a JRE installed by apt ({@code rig-userland:NAME-layer-vN}), then the image the
 * rig runs ({@code rig-userland:NAME-vN}), which adds labels naming the userland and the versions of
 * its file system tools, read from the layer's dpkg database.
 */
final class Images {

    /** Bump when what an image holds changes: new names, so a rebuild. */
    static final int FORMAT = 1;
    static final Path CACHE = Path.of("/var/cache/rig/container");
    static final Duration DEBOOTSTRAP_TIMEOUT = Duration.ofMinutes(30);
    static final Duration TOOL_TIMEOUT = Duration.ofMinutes(10);

    private Images() {
    }

    static String baseName(Userland u) {
        return "rig-base:" + u.suite() + "-v" + FORMAT;
    }

    static String layerName(Userland u) {
        return "rig-userland:" + u.name() + "-layer-v" + FORMAT;
    }

    static String imageName(Userland u) {
        return "rig-userland:" + u.name() + "-v" + FORMAT;
    }

    /** The image of {@code u}, built first when missing (minutes, once; progress on {@code log}). */
    static UserlandImage ensure(DockerClient docker, Userland u, Registry registry, PrintStream log) throws IOException {
        Optional<UserlandImage> built = find(docker, u);
        if (built.isPresent()) {
            return built.get();
        }
        Files.createDirectories(CACHE);
        try (FileChannel lockFile = FileChannel.open(CACHE.resolve(".build.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
            built = find(docker, u); // another run may have built it while this one waited
            if (built.isPresent()) {
                return built.get();
            }
            Instant start = Instant.now();
            if (inspect(docker, baseName(u)).isEmpty()) {
                importBase(docker, u, registry, log);
            }
            log.println("rig container: installing the " + u.name() + " userland (" + String.join(" ", u.packages())
                    + ") over " + baseName(u));
            String script = installScript(u, AptMirror.find());
            String layer = new ImageFromDockerfile(layerName(u), false)
                    .withDockerfileFromBuilder(b -> b.from(baseName(u)).env("DEBIAN_FRONTEND", "noninteractive")
                            .run(script).build())
                    .get();
            Map<String, String> versions = versions(layer);
            String packages = new UserlandImage(imageName(u), "", u, versions).packageLine();
            new ImageFromDockerfile(imageName(u), false)
                    .withDockerfileFromBuilder(b -> b.from(layer).label(UserlandImage.LABEL_USERLAND, u.name())
                            .label(UserlandImage.LABEL_PACKAGES, packages).build())
                    .get();
            log.println("rig container: " + imageName(u) + " built in " + Duration.between(start, Instant.now()).toSeconds()
                    + " s (" + packages + ")");
            return find(docker, u).orElseThrow(() -> new IOException(imageName(u) + " was built but is not there"));
        } catch (RuntimeException e) {
            throw new IOException("building the " + u.name() + " image failed: " + e.getMessage()
                    + " (docker's own log: /var/log/dockerd.log)", e);
        }
    }

    static Optional<UserlandImage> find(DockerClient docker, Userland u) {
        return inspect(docker, imageName(u)).map(i -> {
            Map<String, String> labels = i.getConfig() == null || i.getConfig().getLabels() == null ? Map.of()
                    : i.getConfig().getLabels();
            return new UserlandImage(imageName(u), i.getId(), u,
                    UserlandImage.parsePackages(labels.getOrDefault(UserlandImage.LABEL_PACKAGES, "")));
        });
    }

    private static Optional<InspectImageResponse> inspect(DockerClient docker, String name) {
        try {
            return Optional.of(docker.inspectImageCmd(name).exec());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** The layer's one RUN: the tools' suite (backports) and the packages, with apt's lists removed after. */
    static String installScript(Userland u, String mirror) {
        List<String> lines = new ArrayList<>();
        if (u.backports()) {
            lines.add("echo 'deb " + mirror + " " + u.toolsSuite() + " main' > /etc/apt/sources.list.d/rig-tools.list");
        }
        lines.add("apt-get update -q");
        lines.add("apt-get install -y -q --no-install-recommends " + (u.backports() ? "-t " + u.toolsSuite() + " " : "")
                + String.join(" ", u.packages()));
        lines.add("apt-get clean");
        lines.add("rm -rf /var/lib/apt/lists/*");
        return String.join(" && ", lines);
    }

    /** debootstrap --variant=minbase SUITE from the host's mirror, imported as {@link #baseName}. */
    private static void importBase(DockerClient docker, Userland u, Registry registry, PrintStream log) throws IOException {
        if (!Exec.onPath("debootstrap")) {
            throw new rig.sys.MissingToolException("debootstrap");
        }
        Path root = CACHE.resolve("build-" + ProcessHandle.current().pid() + "-" + u.suite());
        Claim claim = registry.claim(Claim.Kind.DIRECTORY, root.toString());
        try {
            String mirror = AptMirror.find();
            log.println("rig container: debootstrap " + u.suite() + " from " + mirror + " for " + baseName(u)
                    + " (about a minute, done once)");
            Exec.run(DEBOOTSTRAP_TIMEOUT, "debootstrap", "--variant=minbase", u.suite(), root.toString(), mirror)
                    .orThrow();
            Path tarball = root.resolveSibling(root.getFileName() + ".tar");
            Claim tarClaim = registry.claim(Claim.Kind.BACKING_FILE, tarball.toString());
            try {
                Exec.run(TOOL_TIMEOUT, "tar", "--numeric-owner", "-C", root.toString(), "-cf", tarball.toString(), ".")
                        .orThrow();
                // FROM scratch + ADD of the tarball (docker unpacks it): the import, through the build API
                new ImageFromDockerfile(baseName(u), false).withFileFromPath("rootfs.tar", tarball)
                        .withDockerfileFromBuilder(b -> b.from("scratch").add("rootfs.tar", "/").cmd("/bin/bash").build())
                        .get();
            } finally {
                Files.deleteIfExists(tarball);
                registry.release(tarClaim);
            }
        } finally {
            for (Mounts.Mount m : Mounts.under(root)) { // a debootstrap that failed may leave /proc mounted inside
                Exec.run(TOOL_TIMEOUT, "umount", "-l", m.mountPoint().toString());
            }
            Exec.run(TOOL_TIMEOUT, "rm", "-rf", "--one-file-system", root.toString());
            registry.release(claim);
        }
    }

    /** The versions of the recorded packages, from the layer's dpkg database. */
    private static Map<String, String> versions(String layer) throws IOException {
        List<String> command = new ArrayList<>(List.of("dpkg-query", "-W", "-f", "${Package}=${Version}\\n"));
        command.addAll(Userland.RECORDED);
        StringBuilder out = new StringBuilder();
        try (GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(layer))
                .withCommand(command.toArray(String[]::new))
                .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofMinutes(2)))) {
            c.start();
            out.append(c.getLogs(OutputFrame.OutputType.STDOUT));
        }
        Map<String, String> v = UserlandImage.parsePackages(out.toString().replace('\n', ' '));
        if (!v.keySet().containsAll(Userland.RECORDED)) {
            throw new IOException(layer + " lacks some of " + Userland.RECORDED + " (dpkg-query said: " + out + ")");
        }
        return v;
    }
}
