package rig.engine.vm;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import rig.devices.own.Registry;

/**
 * The options {@code rig vm check} and {@code rig vm run} share, and the guest run they make:
 * the host kernel, the cached image (built when missing), the tree and the Maven repository
 * shared read-only, fstests' variables for the guest's disks, and RIG_DEVICE.
 */
final class VmOptions {

    @Option(names = "--fstyp", description = "FSTYP in the guest (default: $FSTYP, else btrfs)")
    String fstyp = envOr("FSTYP", "btrfs");

    /** RIG_DEVICE's values, checked here rather than by the guest's ./check after a boot. */
    enum GuestDevice { dm, java, auto }

    @Option(names = "--device", description = "RIG_DEVICE in the guest: dm (default), java or auto")
    GuestDevice device = GuestDevice.dm;

    @Option(names = "--disks", description = "TEST_DEV and SCRATCH_DEV in the guest: virtio (default: the guest's disks)"
            + " or loop (plain loop devices the rig makes in the guest: a hang on a loop device, as on a host)")
    GuestDisks disks = GuestDisks.virtio;

    @Option(names = "--kernel", paramLabel = "VERSION|PATH",
            description = "a kernel version in /boot, or a bzImage (arch/x86/boot/bzImage of a build tree, everything the"
                    + " guest needs built in: rig kernel build); repeat it for a kernel matrix (default: the newest in /boot"
                    + " with an initrd)")
    List<String> kernels = new java.util.ArrayList<>();

    @Option(names = "--modules", paramLabel = "DIR",
            description = "lib/modules/RELEASE of a --kernel PATH built with modules (copied into the guest image)")
    Path modules;

    @Option(names = "--results", description = "where the guest's results go (default: results/vm in the tree)")
    Path results;

    @Option(names = "--cache", description = "guest image directory (default: " + "/var/cache/rig/vm" + ")")
    Path cache = GuestImage.CACHE;

    @Option(names = "--timeout", description = "seconds the whole guest may take (default: 1800)")
    long timeoutSeconds = 1800;

    @Option(names = "--memory", description = "guest memory in MiB (default: 2048)")
    int memoryMiB = 2048;

    @Option(names = "--cpus", description = "guest CPUs (default: 2)")
    int cpus = 2;

    @Option(names = "--disk-gib", description = "size of the TEST and SCRATCH disks in GiB (sparse; default: 4)")
    int diskGiB = 4;

    /** The kernels asked for, each checked for what the guest needs; the newest in /boot when none was. */
    List<HostKernel> kernels(PrintStream err) throws IOException {
        List<HostKernel> ks = new java.util.ArrayList<>();
        if (kernels.isEmpty()) {
            if (modules != null) {
                throw new BadKernelException("--modules goes with --kernel PATH (a bzImage)");
            }
            ks.add(HostKernel.find());
        }
        for (String k : kernels) {
            ks.add(HostKernel.of(k, modules));
        }
        for (HostKernel k : ks) {
            GuestKernelCheck.require(k, err);
        }
        return ks;
    }

    /** Runs {@code command} in the tree inside the guest on the first kernel; progress and timings on {@code err}. */
    VmResult run(List<String> command, PrintStream err) throws IOException {
        List<HostKernel> ks = kernels(err);
        return run(ks.get(0), false, command, List.of(), err);
    }

    /** As {@link #run(List, PrintStream)}, sharing also what {@code classPath} names outside the tree. */
    VmResult run(List<String> command, List<String> classPath, PrintStream err) throws IOException {
        return run(kernels(err).get(0), false, command, classPath, err);
    }

    /** One guest run on kernel {@code k}; {@code matrix}: one of several kernels (results go to a tree per release). */
    VmResult run(HostKernel k, boolean matrix, List<String> command, List<String> classPath, PrintStream err)
            throws IOException {
        Path tree = rig.cli.RigMain.home(); // the tree: where ./check and results/ are
        Registry registry = Registry.open();
        Path image = GuestImage.ensure(cache, k, registry, err);
        String shown = String.join(" ", command);
        err.println("rig vm: booting " + k.version() + (k.builtIn() ? " (" + k.vmlinuz() + ")" : "") + " under TCG: "
                + (shown.length() > 160 ? shown.substring(0, 150) + " ..." : shown)
                + " (FSTYP=" + fstyp + ", RIG_DEVICE=" + device + (disks == GuestDisks.loop ? ", loop devices" : "") + ")");
        return Vm.run(spec(tree, k, image, command, classPath, resultBase(tree, k, matrix)), registry);
    }

    VmSpec spec(Path tree, HostKernel k, Path image, List<String> command, List<String> classPath, Path resultBase)
            throws IOException {
        List<String> entries = new java.util.ArrayList<>(GuestClasspath.entries(tree));
        entries.addAll(classPath);
        return new VmSpec(k, image, GuestClasspath.shares(tree, GuestClasspath.mavenRepository(), entries),
                resultBase, tree, command, guestEnv(resultBase), VmSpec.DEFAULT_MODULES, (long) diskGiB << 30, memoryMiB,
                cpus, Duration.ofSeconds(timeoutSeconds));
    }

    /**
     * Where a kernel's results go: results/vm/RELEASE in the tree (one tree per kernel release,
     * which rig triage and rig report read as configurations); --results DIR as given for one
     * kernel, DIR/RELEASE in a matrix.
     */
    Path resultBase(Path tree, HostKernel k, boolean matrix) {
        Path base = results == null ? tree.resolve("results/vm").resolve(k.version())
                : matrix ? results.resolve(k.version()) : results;
        return base.toAbsolutePath().normalize();
    }

    Map<String, String> guestEnv(Path resultBase) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("FSTYP", fstyp);
        if (disks == GuestDisks.virtio) {
            env.put("TEST_DEV", VmSpec.TEST_DEV);
            env.put("TEST_DIR", "/mnt/test");
            env.put("SCRATCH_DEV", VmSpec.SCRATCH_DEV);
            env.put("SCRATCH_MNT", "/mnt/scratch");
        } else {
            env.put("RIG_SCRATCH_BACKEND", "loop"); // no TEST_DEV: the rig makes both, as loop devices
        }
        env.put("RIG_DEVICE", device.name());
        env.put("RIG_NO_INSTALL", "1"); // the guest image carries what the rig needs; it has no network to install more
        env.put("RESULT_BASE", resultBase.toString());
        env.put("RIG_SKIP_BUILD", "1");
        for (String pass : List.of("MKFS_OPTIONS", "MOUNT_OPTIONS", "DIFF_LENGTH")) {
            String v = System.getenv(pass);
            if (v != null) {
                env.put(pass, v);
            }
        }
        return env;
    }

    private static String envOr(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v;
    }
}
