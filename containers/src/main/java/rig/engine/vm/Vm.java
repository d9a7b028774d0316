package rig.engine.vm;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import rig.devices.own.Claim;
import rig.devices.own.Registry;
import rig.devices.own.Sweeper;
import rig.sys.Exec;

/**
 * Boots one QEMU guest for a {@link VmSpec} and waits for it: a run directory under
 * {@code /var/tmp} (claimed, removed afterwards) holds the TEST and SCRATCH disks, the init.sh,
 * the console log, and the exit status, output and timings the guest writes back through its 9p
 * share; results go straight to the results directory, shared read-write. The QEMU process is
 * claimed in the registry by PID as soon as it starts, so that a sweep after a SIGKILL of the
 * rig kills it, and it is killed at the spec's timeout.
 */
public final class Vm {

    static final Path RUN_PARENT = Path.of("/var/tmp");

    private Vm() {
    }

    /**
     * Runs the guest; it writes into {@code spec.results()} directly (shared at the same path), and
     * the console log is copied there as {@code vm-console.log}.
     */
    public static VmResult run(VmSpec spec, Registry registry) throws IOException {
        if (!Exec.onPath(QemuCommand.BINARY)) {
            throw new rig.sys.MissingToolException(QemuCommand.BINARY);
        }
        Path runDir = Files.createTempDirectory(RUN_PARENT, "rig-vm-" + ProcessHandle.current().pid() + "-");
        Claim dirClaim = registry.claim(Claim.Kind.DIRECTORY, runDir.toString());
        try {
            return runIn(spec, runDir, registry);
        } finally {
            Exec.run(Duration.ofMinutes(2), "rm", "-rf", "--one-file-system", runDir.toString());
            registry.release(dirClaim);
        }
    }

    private static VmResult runIn(VmSpec spec, Path runDir, Registry registry) throws IOException {
        Path resultsDir = Files.createDirectories(spec.results());
        Files.createDirectories(spec.cdsCache());
        Path test = sparse(runDir.resolve("test.img"), spec.diskBytes());
        Path scratch = sparse(runDir.resolve("scratch.img"), spec.diskBytes());
        Path console = runDir.resolve("console.log");
        Files.writeString(runDir.resolve("init.sh"), GuestScript.render(spec));
        List<String> command = QemuCommand.build(spec, runDir, test, scratch, console);

        Claim[] qemu = new Claim[1];
        Thread[] onExit = new Thread[1];
        Exec.Result r;
        try {
            r = Exec.run(spec.timeout(), runDir, Map.of(), command, pid -> {
                ProcessHandle p = ProcessHandle.of(pid).orElseThrow();
                onExit[0] = new Thread(p::destroyForcibly, "kill qemu " + pid); // Ctrl-C of the rig
                Runtime.getRuntime().addShutdownHook(onExit[0]);
                qemu[0] = registry.claim(Claim.Kind.PROCESS, Sweeper.processResource(p, "qemu guest"));
            });
        } finally {
            if (onExit[0] != null) {
                removeHook(onExit[0]);
            }
            if (qemu[0] != null) {
                registry.release(qemu[0]);
            }
        }
        Path keptConsole = resultsDir.resolve("vm-console.log");
        if (Files.exists(console)) {
            Files.copy(console, keptConsole, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        if (!r.ok() && !r.timedOut() && !r.stderr().isBlank()) {
            Files.writeString(resultsDir.resolve("vm-qemu.err"), r.stderr());
        }
        Map<String, Double> t = Files.exists(runDir.resolve(GuestScript.TIMING))
                ? GuestScript.timings(Files.readAllLines(runDir.resolve(GuestScript.TIMING))) : Map.of();
        OptionalDouble boot = t.containsKey("booted") ? OptionalDouble.of(t.get("booted")) : OptionalDouble.empty();
        OptionalDouble cmd = t.containsKey("command_start") && t.containsKey("command_end")
                ? OptionalDouble.of(t.get("command_end") - t.get("command_start")) : OptionalDouble.empty();
        return new VmResult(exitStatus(runDir), r.timedOut(), read(runDir.resolve(GuestScript.STDOUT)),
                read(runDir.resolve(GuestScript.STDERR)), resultsDir, keptConsole, boot, cmd, r.elapsed());
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs and kills what is left
        }
    }

    private static OptionalInt exitStatus(Path runDir) throws IOException {
        String s = read(runDir.resolve(GuestScript.EXIT_STATUS)).strip();
        return s.matches("\\d+") ? OptionalInt.of(Integer.parseInt(s)) : OptionalInt.empty();
    }

    private static String read(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p) : "";
    }

    private static Path sparse(Path file, long bytes) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(bytes);
        }
        return file;
    }
}
