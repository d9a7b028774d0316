package rig.engine.vm;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Unmatched;

/**
 * {@code rig vm check [vm options] [check arguments]}: runs this tree's {@code ./check} inside a
 * QEMU guest booting Debian's kernel (which has device-mapper), on the guest's own TEST and
 * SCRATCH disks, with the dm backend by default. Prints the guest's check output, a timing line
 * on stderr, and exits with the guest check's status (3 when the guest gave none).
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Run ./check inside a QEMU guest (Debian kernel with device-mapper; TCG, no KVM needed).",
            "Arguments the vm options do not take go to ./check (tests, -g GROUP, ...).",
            "The guest image is built on first use (debootstrap, a few minutes) and cached."})
public final class VmCheck implements Callable<Integer> {

    @Mixin
    VmOptions vm = new VmOptions();

    @Unmatched
    List<String> checkArgs = new ArrayList<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new VmCheck()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        List<String> command = new ArrayList<>(List.of("./check"));
        command.addAll(checkArgs);
        List<HostKernel> kernels = vm.kernels(System.err);
        boolean matrix = kernels.size() > 1;
        List<String> summary = new ArrayList<>();
        int status = 0;
        for (HostKernel k : kernels) {
            VmResult r = vm.run(k, matrix, command, List.of(), System.err);
            System.out.print(r.stdout());
            System.err.print(r.stderr());
            System.err.println("rig vm: " + r.summary());
            summary.add(KernelSummary.line(k.version(), r));
            status = Math.max(status, r.exitStatus().orElse(3));
        }
        if (matrix) {
            System.out.println();
            System.out.println("Kernels:");
            summary.forEach(l -> System.out.println("  " + l));
        }
        return status;
    }
}
