package rig.engine.vm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A kernel for guests: one installed on this host (Debian's linux-image-amd64: the image, its
 * initramfs, and its modules, which are copied into the guest's root so that the guest can load
 * dm-flakey, 9p, btrfs and the rest), or one a developer built ({@link #built}: a bzImage with
 * everything the guest needs built in, no initrd, modules only if given).
 */
public record HostKernel(String version, Path vmlinuz, Path initrd, Path modules) {

    /**
     * A kernel image from a build tree ({@code arch/x86/boot/bzImage}); {@code modules} (a
     * lib/modules/RELEASE directory, or null) is copied into the guest when given. Its release is
     * read from the image.
     */
    public static HostKernel built(Path image, Path modules) throws IOException {
        if (!Files.isRegularFile(image)) {
            throw new BadKernelException("--kernel " + image + ": no such kernel image; give a bzImage"
                    + " (arch/x86/boot/bzImage of a build tree) or a version installed in " + BOOT);
        }
        String release = rig.engine.kernel.BzImage.release(image).orElseThrow(() -> new BadKernelException(
                "--kernel " + image + ": not an x86 kernel image (no setup header); give arch/x86/boot/bzImage"));
        if (modules != null && !Files.isDirectory(modules)) {
            throw new BadKernelException("--modules " + modules + ": no such directory; give lib/modules/" + release
                    + " of a modules_install");
        }
        return new HostKernel(release, image.toAbsolutePath(), null, modules);
    }

    /** A bzImage given by path (anything with a slash, or an existing file), else a version in /boot. */
    public static HostKernel of(String kernel, Path modules) throws IOException {
        if (kernel.contains("/") || Files.isRegularFile(Path.of(kernel))) {
            return built(Path.of(kernel), modules);
        }
        if (modules != null) {
            throw new BadKernelException("--modules goes with --kernel PATH (a bzImage); an installed kernel " + kernel
                    + " brings /lib/modules/" + kernel);
        }
        return named(kernel);
    }

    /** True for a built image booted without an initrd. */
    public boolean builtIn() {
        return initrd == null;
    }

    /**
     * The kernel's configuration, where the host can read it: the build tree's .config beside a
     * built image (O/arch/x86/boot/bzImage -> O/.config), /boot/config-VERSION, or the one embedded
     * in the image (CONFIG_IKCONFIG).
     */
    public Optional<rig.engine.kernel.KernelConfig> config() throws IOException {
        java.util.List<Path> candidates = new java.util.ArrayList<>();
        if (builtIn()) {
            candidates.add(vmlinuz.resolveSibling("../../../.config").normalize());
        }
        candidates.add(BOOT.resolve("config-" + version));
        for (Path c : candidates) {
            if (Files.isRegularFile(c)) {
                return Optional.of(rig.engine.kernel.KernelConfig.read(c));
            }
        }
        return rig.engine.kernel.BzImage.embeddedConfig(vmlinuz);
    }

    static final Path BOOT = Path.of("/boot");
    static final Path MODULES = Path.of("/lib/modules");

    /** The newest kernel in /boot that has an initrd and a modules directory. */
    public static HostKernel find() throws IOException {
        return find(BOOT, MODULES).orElseThrow(() -> new rig.sys.HostNotReadyException(
                "no kernel for the guest in " + BOOT + " (a vmlinuz-V with initrd.img-V and " + MODULES
                        + "/V): install one with apt-get install linux-image-amd64"));
    }

    /** The kernel named {@code version} (as in /boot/vmlinuz-VERSION). */
    public static HostKernel named(String version) throws IOException {
        HostKernel k = of(BOOT, MODULES, version);
        if (!k.complete()) {
            throw new rig.sys.HostNotReadyException("kernel " + version + " is incomplete: need " + k.vmlinuz + ", " + k.initrd
                    + " and " + k.modules + "; install linux-image-" + version + " or pick another version");
        }
        return k;
    }

    static Optional<HostKernel> find(Path boot, Path modules) throws IOException {
        if (!Files.isDirectory(boot)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(boot)) {
            List<HostKernel> kernels = s.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("vmlinuz-"))
                    .map(n -> of(boot, modules, n.substring("vmlinuz-".length())))
                    .filter(HostKernel::complete)
                    .sorted(Comparator.comparing(HostKernel::version, HostKernel::compareVersions))
                    .toList();
            return kernels.isEmpty() ? Optional.empty() : Optional.of(kernels.get(kernels.size() - 1));
        }
    }

    static HostKernel of(Path boot, Path modules, String version) {
        return new HostKernel(version, boot.resolve("vmlinuz-" + version), boot.resolve("initrd.img-" + version),
                modules.resolve(version));
    }

    boolean complete() {
        return Files.isRegularFile(vmlinuz) && Files.isRegularFile(initrd) && Files.isDirectory(modules);
    }

    /** Numeric-aware comparison: 6.1.0-9 before 6.1.0-56. */
    static int compareVersions(String a, String b) {
        String[] x = a.split("[.-]");
        String[] y = b.split("[.-]");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = x[i].matches("\\d+") && y[i].matches("\\d+")
                    ? Long.compare(Long.parseLong(x[i]), Long.parseLong(y[i])) : x[i].compareTo(y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }
}
