package rig.engine.vm;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code rig vm run [vm options] -- COMMAND...}: any command in the tree inside the guest, with
 * the same disks and environment as {@code rig vm check} (for poking at dmsetup, running an IT,
 * ...). Exits with the command's status (3 when the guest gave none).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a command in this tree inside a QEMU guest (same disks and environment as rig vm check).")
public final class VmRun implements Callable<Integer> {

    @Mixin
    VmOptions vm = new VmOptions();

    @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "the command and its arguments (after --)")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        VmResult r = vm.run(command, System.err);
        System.out.print(r.stdout());
        System.err.print(r.stderr());
        System.err.println("rig vm: " + r.summary());
        return r.exitStatus().orElse(3);
    }
}
