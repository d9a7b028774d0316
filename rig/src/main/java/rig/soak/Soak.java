package rig.soak;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import rig.devices.java.JavaDevice;

/**
 * {@code rig soak}: runs ./check over and over with a random fault table loaded on SCRATCH mid-run and a
 * random signal to one of its processes (the runner, the worker, the device server), then counts what is
 * left on the host ({@link Census}). A leak is anything the rig made that outlives an iteration (after the
 * reaper's grace); a rig crash is a run that exits with status 3 (the rig's own error). The seed prints
 * first, and the same seed draws the same plans.
 */
final class Soak {
    /** How long what a killed run left may take to go (the helpers' owner watch, then the reaper's sweep). */
    private static final Duration SETTLE = Duration.ofSeconds(15);
    private static final Duration RUN_LIMIT = Duration.ofMinutes(10);

    record Totals(int iterations, int leaks, int crashes) {
    }

    private final Path home;
    private final Path stateDir;
    private final List<String> checkArgs;
    private final PrintStream out;

    Soak(Path home, Path stateDir, List<String> checkArgs, PrintStream out) {
        this.home = home;
        this.stateDir = stateDir;
        this.checkArgs = checkArgs;
        this.out = out;
    }

    Totals run(int iterations, long seed) throws IOException, InterruptedException {
        out.println("soak: seed " + seed + ", " + iterations + " iterations of ./check " + String.join(" ", checkArgs));
        long self = ProcessHandle.current().pid();
        Census baseline = Census.take(stateDir, self);
        Random seeds = new Random(seed);
        int leaks = 0;
        int crashes = 0;
        for (int i = 1; i <= iterations; i++) {
            Plan plan = Plan.draw(seeds.nextLong());
            int status = iteration(plan, home.resolve("results/soak/seed-" + seed + "/" + i));
            Census left = settle(baseline, self);
            boolean crash = status == 3;
            leaks += left.total();
            crashes += crash ? 1 : 0;
            out.printf("iteration %d: %s; exit %d%s; leaks %d (%s)%n", i, plan.describe(), status,
                    crash ? " RIG CRASH" : "", left.total(), left.counts());
            left.details().forEach(d -> out.println("  leaked " + d));
            out.flush();
        }
        out.printf("soak: %d iterations, %d leaks, %d rig crashes (seed %d)%n", iterations, leaks, crashes, seed);
        return new Totals(iterations, leaks, crashes);
    }

    private int iteration(Plan plan, Path dir) throws IOException, InterruptedException {
        Path results = Files.createDirectories(dir);
        List<String> cmd = new ArrayList<>(List.of(home.resolve("bin/rig").toString(), "check"));
        cmd.addAll(checkArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.toFile());
        pb.environment().put("RESULT_BASE", results.toString());
        pb.environment().put("RIG_SKIP_BUILD", "1");
        pb.redirectOutput(results.resolve("soak.out").toFile());
        pb.redirectError(results.resolve("soak.err").toFile());
        Process check = pb.start();
        long t0 = System.nanoTime();
        boolean faulted = false;
        boolean signalled = plan.signal() == null;
        while (!check.waitFor(50, TimeUnit.MILLISECONDS)) {
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (!faulted && ms >= plan.faultAfterMs() && testsStarted(results)) {
                faulted = loadTable(check, plan.table());
            }
            if (!signalled && ms >= plan.signalAfterMs()) {
                signalled = true;
                target(check, plan.target()).ifPresent(p -> signal(p, plan.signal()));
            }
            if (ms > RUN_LIMIT.toMillis()) {
                out.println(dir + ": ./check still runs after " + RUN_LIMIT.toMinutes() + " min; killing it");
                target(check, "runner").ifPresent(p -> signal(p, "KILL"));
            }
        }
        return check.exitValue();
    }

    /** The run printed its first test line: the devices are built and formatted, the faults are the tests' to meet. */
    private static boolean testsStarted(Path results) {
        try {
            return Files.readAllLines(results.resolve("soak.out")).stream()
                    .anyMatch(l -> l.startsWith("generic/") || l.startsWith("rig/") || l.startsWith("btrfs/")
                            || l.startsWith("xfs/") || l.startsWith("ext4/"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Loads the plan's table on the run's SCRATCH device, through the control socket its server was given. */
    private static boolean loadTable(Process check, String table) {
        Optional<ProcessHandle> server = target(check, "device server");
        if (server.isEmpty()) {
            return false;
        }
        String socket = argument(server.get(), "-Drig.device.socket=");
        if (socket == null) {
            return false;
        }
        try {
            JavaDevice.connect(Path.of(socket)).control().loadTable(table);
            return true;
        } catch (IOException | RuntimeException e) {
            return false; // the device went away meanwhile (the run ended, or was interrupted): try no more
        }
    }

    /** The run's process of that role: the runner JVM, its worker JVM or its device server JVM (descendants only). */
    private static Optional<ProcessHandle> target(Process check, String role) {
        String marker = switch (role) {
            case "runner" -> "rig.cli.RigMain";
            case "worker" -> "rig.check.engine.WorkerMain";
            default -> "rig.devices.java.DeviceServer";
        };
        return check.descendants().filter(p -> Census.cmdline(p).contains(marker)).findFirst()
                .or(() -> role.equals("runner") && Census.cmdline(check.toHandle()).contains(marker)
                        ? Optional.of(check.toHandle()) : Optional.empty());
    }

    private static void signal(ProcessHandle p, String signal) {
        if (signal.equals("KILL")) {
            p.destroyForcibly();
        } else {
            p.destroy(); // SIGTERM
        }
    }

    private static String argument(ProcessHandle p, String prefix) {
        for (String a : Census.cmdline(p).split("\0")) {
            if (a.startsWith(prefix)) {
                return a.substring(prefix.length());
            }
        }
        return null;
    }


    /** Waits until nothing new is left or {@link #SETTLE} passed; returns what is left. */
    private Census settle(Census baseline, long self) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        Census left = Census.take(stateDir, self).minus(baseline);
        while (left.total() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            left = Census.take(stateDir, self).minus(baseline);
        }
        return left;
    }
}
