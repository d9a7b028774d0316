package rig.engine.vm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A kernel installed on this host for guests (Debian's linux-image-amd64): the image, its
 * initramfs, and its modules, which are copied into the guest's root so that the guest can load
 * dm-flakey, 9p, btrfs and the rest.
 */
public record HostKernel(String version, Path vmlinuz, Path initrd, Path modules) {

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
