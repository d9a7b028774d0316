package rig.cli;

import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import rig.config.UserInputException;
import rig.sys.Trace;
import rig.sys.UsageError;

/**
 * {@code bin/rig} (and {@code ./check}, which is {@code rig check}): the one entry point. Exit
 * statuses are decided here only ({@link ExitCode}); stack traces only with --verbose.
 * {@code rig vm} ({@value #VM}) lives in the containers module, which depends on this one: it is
 * added when its class is on the classpath (always, for bin/rig).
 */
@Command(name = "rig", mixinStandardHelpOptions = true, version = "rig 0.1.0",
        description = "Fault-injection test rig for Linux filesystems.")
public final class RigMain implements Callable<Integer> {

    static final String VM = "rig.engine.vm.VmCommand";
    static final String KERNEL = "rig.engine.kernel.KernelCommand";
    static final String CONTAINER = "rig.engine.container.ContainerCommand";

    public static void main(String[] args) {
        Trace.mark("rig main");
        System.exit(run(args));
    }

    /** Runs the CLI and returns the exit status (tests call this instead of main). */
    public static int run(String... args) {
        boolean verbose = List.of(args).contains("--verbose");
        boolean check = args.length > 0 && args[0].equals("check");
        CommandLine cl = check ? checkOnly() : commandLine();
        String name = check ? "check" : "rig";
        cl.setParameterExceptionHandler((ex, a) -> {
            System.err.println(name + ": " + ex.getMessage() + " (" + name + " --help lists the options)");
            return ExitCode.USAGE.status();
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> fail(name, ex, verbose).status());
        int status = cl.execute(args);
        if (status != 0) {
            return status;
        }
        CommandLine leaf = cl;
        for (CommandLine.ParseResult p = cl.getParseResult(); p.hasSubcommand(); p = p.subcommand()) {
            leaf = p.subcommand().commandSpec().commandLine();
        }
        return ExitCode.of(leaf.getExecutionResult()).status();
    }

    /**
     * {@code rig check} (./check) alone: picocli builds a model of every command it is given, and
     * the others' (device, bench, vm, kernel, container, ...) cost ./check 0.1 s of CPU at each
     * start on a host, seconds in a TCG guest.
     */
    static CommandLine checkOnly() {
        CommandLine cl = new CommandLine(new RigMain());
        cl.addSubcommand(new CheckCommand());
        return cl;
    }

    static CommandLine commandLine() {
        CommandLine cl = checkOnly();
        cl.addSubcommand(new BenchCommand());
        cl.addSubcommand(new rig.soak.SoakCommand());
        cl.addSubcommand(new rig.report.ReportCommand());
        cl.addSubcommand("device", new rig.devices.cli.DeviceCommand());
        cl.addSubcommand("triage", new rig.triage.TriageCommand());
        cl.getSubcommands().get("bench").addSubcommand("device", new rig.devices.bench.DeviceBench());
        cl.getSubcommands().get("bench").addSubcommand("dio", new rig.devices.bench.DioCostBench());
        cl.getSubcommands().get("bench").addSubcommand("parallel", new rig.report.ParallelBench());
        optional(VM).ifPresent(vm -> cl.addSubcommand(vm));
        optional(KERNEL).ifPresent(kernel -> cl.addSubcommand(kernel));
        optional(CONTAINER).ifPresent(container -> cl.addSubcommand(container));
        return cl;
    }

    private static ExitCode fail(String name, Exception ex, boolean verbose) {
        Throwable cause = ex;
        while (cause instanceof InvocationTargetException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof UsageError) {
            System.err.println(name + ": " + cause.getMessage());
            return ExitCode.USAGE;
        }
        System.err.println(name + ": internal error: " + cause + (verbose ? "" : " (--verbose shows the stack trace)"));
        if (verbose) {
            cause.printStackTrace();
        }
        return ExitCode.INTERNAL;
    }

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return ExitCode.OK.status();
    }

    /** The rig's directory: where ./check, local.config and results/ are ({@code -Drig.home}, else the current directory). */
    public static Path home() {
        String h = System.getProperty("rig.home");
        return Path.of(h == null || h.isBlank() ? "." : h).toAbsolutePath().normalize();
    }

    private static java.util.Optional<Object> optional(String className) {
        try {
            return java.util.Optional.of(Class.forName(className).getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError e) {
            return java.util.Optional.empty();
        }
    }

    /** {@code rig bench device ...}: the device benchmark of the devices module. */
    @Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks: rig bench device ...")
    static final class BenchCommand implements Callable<ExitCode> {
        @Override
        public ExitCode call() {
            throw new UserInputException("rig bench needs a benchmark name: rig bench device ..., rig bench dio or"
                    + " rig bench parallel");
        }
    }
}
