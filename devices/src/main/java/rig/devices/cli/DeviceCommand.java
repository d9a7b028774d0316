package rig.devices.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import rig.devices.java.JavaDevice;
import rig.devices.own.Registry;
import rig.devices.own.Sweeper;

/**
 * {@code rig device}: drive the Java device by hand. {@code create} builds one and keeps it
 * until Ctrl-C; the other subcommands talk to a device through its control socket
 * ({@code --socket}, default {@code $RIG_SCRATCH_CONTROL}). {@code sweep} removes what killed
 * rig processes left behind.
 */
@Command(name = "device", mixinStandardHelpOptions = true,
        description = "Create, inspect, change and remove the rig's Java devices.",
        subcommands = {DeviceCommand.Create.class, DeviceCommand.Info.class, DeviceCommand.Table.class,
            DeviceCommand.Load.class, DeviceCommand.Release.class, DeviceCommand.Suspend.class,
            DeviceCommand.Resume.class, DeviceCommand.Counters.class, DeviceCommand.Journal.class,
            DeviceCommand.SaveJournal.class, DeviceCommand.PowerCut.class, DeviceCommand.Abort.class,
            DeviceCommand.Sweep.class})
public final class DeviceCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new DeviceCommand()).execute(args));
    }

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "rig device needs a subcommand: create, info, table, load, release, counters, journal, abort, sweep, ...");
    }

    /** Parses 4096, 512K, 64M, 1G, 2T (binary units). */
    static long parseSize(CommandLine cl, String text) {
        String t = text.trim().toUpperCase();
        long unit = 1;
        char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
        int shift = "KMGT".indexOf(last);
        if (shift >= 0) {
            unit = 1L << (10 * (shift + 1));
            t = t.substring(0, t.length() - 1);
        }
        try {
            return Math.multiplyExact(Long.parseLong(t), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new CommandLine.ParameterException(cl, "size \"" + text + "\" is not a number of bytes"
                    + " with an optional K, M, G or T suffix (e.g. 1G)");
        }
    }

    /** Options shared by the subcommands that talk to an existing device. */
    abstract static class Remote implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--socket", description = "the device's control socket (default: $" + JavaDevice.CONTROL_ENV + ")")
        Path socket;

        JavaDevice device() throws IOException {
            Path s = socket;
            if (s == null) {
                String env = System.getenv(JavaDevice.CONTROL_ENV);
                if (env == null || env.isBlank()) {
                    throw new CommandLine.ParameterException(spec.commandLine(),
                            "name the device: --socket PATH (printed by rig device create) or set " + JavaDevice.CONTROL_ENV);
                }
                s = Path.of(env);
            }
            if (!Files.exists(s)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "control socket " + s
                        + " does not exist: is the device still up? (rig device create prints its socket)");
            }
            return JavaDevice.connect(s);
        }

        @Override
        public Integer call() throws Exception {
            String out = run(device());
            if (!out.isEmpty()) {
                System.out.println(out.strip());
            }
            return 0;
        }

        abstract String run(JavaDevice d) throws IOException;
    }

    /** A table from a file, or stdin for "-"; an unreadable file is a usage error naming it. */
    static String readTable(CommandLine cl, String file) throws IOException {
        if (file.equals("-")) {
            return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path p = Path.of(file);
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            throw new CommandLine.ParameterException(cl, "table file " + file + (Files.exists(p) ? " is not a readable file"
                    : " does not exist") + "; pass a table file (format: rig device --help, or - for stdin)");
        }
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a Java device and keep it until Ctrl-C (or SIGTERM); prints its loop device and socket.")
    static final class Create implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--name", defaultValue = "manual", description = "device name (default ${DEFAULT-VALUE})")
        String name;
        @Option(names = "--size", defaultValue = "1G", description = "size, e.g. 1G (default ${DEFAULT-VALUE})")
        String size;
        @Option(names = "--backing-dir", defaultValue = "/dev/shm", description = "where the sparse backing file goes")
        Path backingDir;
        @Option(names = "--table", description = "a table file to load once the device is up")
        Path table;

        @Override
        public Integer call() throws Exception {
            JavaDevice.Settings settings;
            try {
                settings = new JavaDevice.Settings(name, parseSize(spec.commandLine(), size), backingDir);
                String tableText = table == null ? null : readTable(spec.commandLine(), table.toString());
                CountDownLatch done = new CountDownLatch(1);
                JavaDevice device = JavaDevice.create(settings);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        device.close();
                        System.err.println("device " + name + " removed");
                    } catch (IOException e) {
                        System.err.println("removing device " + name + ": " + e.getMessage());
                    }
                    done.countDown();
                }));
                if (tableText != null) {
                    device.control().loadTable(tableText);
                }
                System.out.println("device " + name + ": " + device.path() + " socket " + device.controlSocket()
                        + " fuse-connection " + device.fuseConnection());
                System.out.println("export " + JavaDevice.CONTROL_ENV + "=" + device.controlSocket());
                System.out.flush();
                done.await();
                return 0;
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
    }

    @Command(name = "info", description = "What the device is: name, size, loop device, FUSE connection, server pid.")
    static final class Info extends Remote {
        String run(JavaDevice d) throws IOException {
            return "name " + d.name() + "\nsize " + d.size() + "\nloop " + d.path() + "\nfuse-connection "
                    + d.fuseConnection() + "\nsocket " + d.controlSocket() + "\ntable\n" + d.control().table();
        }
    }

    @Command(name = "table", description = "The table in force.")
    static final class Table extends Remote {
        String run(JavaDevice d) throws IOException {
            return d.control().table();
        }
    }

    @Command(name = "load", description = "Load a table (suspend, load, resume) from a file or - (stdin).")
    static final class Load extends Remote {
        @Parameters(index = "0", description = "table file, or - for stdin")
        String file;

        String run(JavaDevice d) throws IOException {
            String text = readTable(spec.commandLine(), file);
            d.control().loadTable(text);
            return d.control().table();
        }
    }

    @Command(name = "release", description = "Release every stalled request; prints how many.")
    static final class Release extends Remote {
        String run(JavaDevice d) throws IOException {
            return Integer.toString(d.control().releaseStalls());
        }
    }

    @Command(name = "suspend", description = "New requests wait; returns when in-flight ones are done.")
    static final class Suspend extends Remote {
        String run(JavaDevice d) throws IOException {
            d.control().suspend();
            return "";
        }
    }

    @Command(name = "resume", description = "Let requests through again.")
    static final class Resume extends Remote {
        String run(JavaDevice d) throws IOException {
            d.control().resume();
            return "";
        }
    }

    @Command(name = "counters", description = "Requests, bytes, errors by op and rule, stalled now.")
    static final class Counters extends Remote {
        String run(JavaDevice d) throws IOException {
            return d.control().counters().text();
        }
    }

    @Command(name = "journal", description = "The last requests of the I/O journal, and its summary.")
    static final class Journal extends Remote {
        @Option(names = "-n", defaultValue = "20", description = "how many entries (default ${DEFAULT-VALUE})")
        int n;

        String run(JavaDevice d) throws IOException {
            return String.join("\n", d.control().journalTail(n)) + "\n" + d.journalSummary();
        }
    }

    @Command(name = "save-journal", description = "Write the whole retained journal and its summary to a file.")
    static final class SaveJournal extends Remote {
        @Parameters(index = "0", description = "file to write")
        Path file;

        String run(JavaDevice d) throws IOException {
            d.control().saveJournal(file.toAbsolutePath());
            return "";
        }
    }

    @Command(name = "power-cut", description = "Drop every write acknowledged since the last flush (volatile cache mode).")
    static final class PowerCut extends Remote {
        String run(JavaDevice d) throws IOException {
            d.control().powerCut();
            return "";
        }
    }

    @Command(name = "abort", description = "Abort the FUSE connection: pending and future requests fail, a hung umount proceeds.")
    static final class Abort extends Remote {
        String run(JavaDevice d) throws IOException {
            d.abort();
            return "";
        }
    }

    @Command(name = "sweep", mixinStandardHelpOptions = true,
            description = "Remove what killed rig processes left behind (orphaned claims in $RIG_STATE_DIR or /run/rig).")
    static final class Sweep implements Callable<Integer> {
        @Override
        public Integer call() {
            Sweeper.sweep(Registry.open()).forEach(System.out::println);
            return 0;
        }
    }
}
