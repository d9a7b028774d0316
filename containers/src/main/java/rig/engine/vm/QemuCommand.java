package rig.engine.vm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The qemu-system-x86_64 command line of a guest: TCG (this host has no usable KVM), no
 * network, no display, the serial console to a file, the kernel and initrd from the host, the
 * root image as a snapshot (never written), TEST and SCRATCH as virtio disks, and the run
 * directory and the results directory (rw) plus the read-only shares over virtio-9p.
 *
 * <p>TCG runs single-threaded: with multi-threaded TCG (QEMU 7.2) a guest JVM crashed in about one
 * run of three, always in JIT code whose entry HotSpot had just patched while another vCPU ran
 * it (a torn cross-modifying write, seen as SIGSEGV on a stale jump). One thread for all vCPUs
 * makes the patch atomic to the guest, at about 1.6 times the wall time.
 */
final class QemuCommand {

    static final String BINARY = "qemu-system-x86_64";
    static final String TCG = "tcg,thread=single";

    private QemuCommand() {
    }

    static List<String> build(VmSpec spec, Path runDir, Path testDisk, Path scratchDisk, Path console) {
        List<String> c = new ArrayList<>(List.of(BINARY, "-accel", TCG, "-cpu", "max",
                "-smp", Integer.toString(spec.cpus()), "-m", spec.memoryMiB() + "M",
                "-nodefaults", "-display", "none", "-no-reboot",
                "-serial", "file:" + console,
                "-kernel", spec.kernel().vmlinuz().toString(),
                "-append", kernelCommandLine()));
        if (!spec.kernel().builtIn()) {
            c.add("-initrd");
            c.add(spec.kernel().initrd().toString());
        }
        drive(c, spec.image(), "snapshot=on");
        drive(c, testDisk, "");
        drive(c, scratchDisk, "");
        share(c, runDir, GuestImage.RUN_TAG, false);
        share(c, spec.results(), GuestScript.RESULTS_TAG, false);
        share(c, spec.cdsCache(), GuestScript.CDS_TAG, false);
        for (int i = 0; i < spec.readOnlyShares().size(); i++) {
            share(c, spec.readOnlyShares().get(i), GuestScript.tag(i), true);
        }
        return c;
    }

    static String kernelCommandLine() {
        return "root=/dev/vda rw rootfstype=ext4 console=ttyS0 quiet panic=1 init=" + GuestImage.INIT;
    }

    private static void drive(List<String> c, Path file, String extra) {
        c.add("-drive");
        c.add("file=" + escape(file) + ",format=raw,if=virtio,cache=unsafe" + (extra.isEmpty() ? "" : "," + extra));
    }

    private static void share(List<String> c, Path dir, String tag, boolean readOnly) {
        c.add("-virtfs");
        c.add("local,path=" + escape(dir) + ",mount_tag=" + tag + ",security_model=none"
                + (readOnly ? ",readonly=on" : ""));
    }

    /** QEMU option values double a comma that belongs to the value. */
    static String escape(Path p) {
        return p.toString().replace(",", ",,");
    }
}
