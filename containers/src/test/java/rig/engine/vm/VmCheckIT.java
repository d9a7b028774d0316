package rig.engine.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rig.sys.Exec;

/**
 * The vm engine on a real QEMU guest (TCG): generic/250 and generic/276 pass through the dm
 * backend on Debian's kernel, and the dm backend's own IT passes there. About 1.7 and 0.7 minutes
 * on this host. Skipped, with the reason, without qemu, a kernel in /boot, or a cached guest
 * image: building the image (debootstrap from the network, about 2 minutes) happens only with
 * RIG_VM_IT=1, so that a fresh CI machine does not fetch a Debian root for it.
 */
class VmCheckIT {

    @TempDir
    Path results;

    private HostKernel kernel;

    @BeforeEach
    void requireGuest() throws IOException {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "the vm engine runs QEMU as root");
        Assumptions.assumeTrue(Exec.onPath(QemuCommand.BINARY),
                "qemu-system-x86_64 not installed (apt-get install qemu-system-x86)");
        Assumptions.assumeTrue(HostKernel.find(HostKernel.BOOT, HostKernel.MODULES).isPresent(),
                "no guest kernel in /boot (apt-get install linux-image-amd64)");
        kernel = HostKernel.find();
        Assumptions.assumeTrue(Files.isRegularFile(GuestImage.path(GuestImage.CACHE, kernel))
                        || "1".equals(System.getenv("RIG_VM_IT")),
                "guest image " + GuestImage.path(GuestImage.CACHE, kernel) + " not cached; build it with"
                        + " 'bin/rig vm check generic/250' or set RIG_VM_IT=1");
    }

    private VmOptions options() {
        VmOptions o = new VmOptions();
        o.results = results;
        o.fstyp = "btrfs";
        o.device = VmOptions.GuestDevice.dm;
        o.timeoutSeconds = 900;
        return o;
    }

    static Path tree() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("check")) ? here : here.getParent();
    }

    @Test
    void generic250And276PassInsideTheGuestThroughTheDmBackend() throws IOException {
        System.setProperty("rig.home", tree().toString());
        VmResult r = options().run(List.of("./check", "generic/250", "generic/276"), System.out);
        String what = r.summary() + "\n" + r.stdout() + r.stderr();
        System.out.println("VmCheckIT: " + r.summary() + "\n" + r.stdout());
        assertEquals(OptionalInt.of(0), r.exitStatus(), what);
        assertTrue(r.stdout().contains("Passed all 2 tests"), what);
        for (String t : List.of("250", "276")) {
            Path full = results.resolve("generic/" + t + ".full");
            assertTrue(Files.readString(full).contains("(dm): RIG_DEVICE=dm"), "generic/" + t + " ran on the dm backend: "
                    + full);
            assertFalse(Files.exists(results.resolve("generic/" + t + ".out.bad")), "no output mismatch for " + t);
        }
        assertTrue(Files.readString(results.resolve("vm-console.log")).contains("rig-vm: command exited 0"));
    }

    @Test
    void dmDeviceItPassesInsideTheGuest() throws IOException {
        System.setProperty("rig.home", tree().toString());
        List<String> cp = new ArrayList<>(List.of(testClassPath().split(":")));
        cp.add(tree().resolve("devices/target/test-classes").toString());
        Assumptions.assumeTrue(Files.isDirectory(Path.of(cp.get(cp.size() - 1))), "devices test classes not built");
        VmResult r = options().run(List.of("java", "-cp", String.join(":", cp), GuestTests.class.getName(),
                "rig.devices.dm.DmDeviceIT"), cp, System.out);
        String what = r.summary() + "\n" + r.stdout() + r.stderr();
        System.out.println("VmCheckIT: " + r.summary() + "\n" + r.stdout());
        assertEquals(OptionalInt.of(0), r.exitStatus(), what);
        assertTrue(r.stdout().contains("SUCCESSFUL createReloadErrorTableAndRemoveOverALoopDevice()"), what);
    }

    /** The forked test JVM's real class path (failsafe may start it through a manifest-only jar). */
    private static String testClassPath() {
        String p = System.getProperty("surefire.test.class.path");
        return p != null && !p.isBlank() ? p : System.getProperty("java.class.path");
    }
}
