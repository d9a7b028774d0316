package rig.devices.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import rig.sys.SparseFile;
import rig.devices.java.JavaDevice;
import rig.devices.loop.LoopDevice;
import rig.devices.own.Claim;
import rig.devices.own.Registry;
import rig.sys.Exec;

/**
 * {@code rig bench device}: fio with direct I/O on (a) a plain loop device (direct I/O) over a
 * sparse backing file on tmpfs and (b) the Java device, empty table, over the same kind of
 * backing: 1 MiB sequential writes and reads, 4 KiB random writes. Prints MiB/s, IOPS and b/a.
 */
@Command(name = "device", mixinStandardHelpOptions = true,
        description = "Benchmark the Java device against a plain loop device (fio, direct I/O).")
public final class DeviceBench implements Callable<Integer> {

    static final List<Fio> JOBS = List.of(
            new Fio("seq-write-1M", "write", "1M", 4),
            new Fio("seq-read-1M", "read", "1M", 4),
            new Fio("rand-write-4K", "randwrite", "4k", 32));

    static final Fio WARM_UP = new Fio("warm-up", "write", "1M", 4);

    @Option(names = "--size", defaultValue = "1073741824", description = "device size in bytes (default 1 GiB)")
    long size;
    @Option(names = "--runtime", defaultValue = "5", description = "seconds per fio run (default ${DEFAULT-VALUE})")
    int seconds;
    @Option(names = "--backing-dir", defaultValue = "/dev/shm", description = "where the backing files go (tmpfs)")
    Path backingDir;
    @Option(names = "--threads", defaultValue = "4", description = "Java device serving threads (default ${DEFAULT-VALUE})")
    int threads;
    @Option(names = "--in-process", description = "serve the Java device from this JVM (as ./check serves SCRATCH)"
            + " instead of a server JVM")
    boolean inProcess;
    @Option(names = "--rounds", defaultValue = "3", description = "runs per job and device, alternating (default ${DEFAULT-VALUE})")
    int rounds;

    public static void main(String[] args) {
        System.exit(new CommandLine(new DeviceBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (!Exec.onPath("fio")) {
            System.err.println("fio is not installed: apt-get install fio");
            return 2;
        }
        JavaDevice.Settings settings = new JavaDevice.Settings("bench", size, backingDir).withThreads(threads)
                .withServerInProcess(inProcess);
        String load = loadAverage();
        report(System.out, load, compare(Registry.open(), settings, size, seconds, rounds));
        System.out.println("(b) served by " + (inProcess ? "this JVM (" + String.join(" ",
                java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                        .filter(a -> a.startsWith("-XX:Tiered") || a.startsWith("-Djnr")).toList()) + ")"
                : "a device server JVM"));
        return 0;
    }

    /** Both devices' figures for one job: every round's, a's and b's alternately. */
    public record Row(Fio job, List<Fio.Figures> a, List<Fio.Figures> b) {
        public double medianA() {
            return median(a);
        }

        public double medianB() {
            return median(b);
        }

        static double median(List<Fio.Figures> f) {
            double[] v = f.stream().mapToDouble(Fio.Figures::mibPerSecond).sorted().toArray();
            return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        }
    }

    /**
     * With (a) a plain loop device and (b) a Java device made with {@code settings} both up, runs
     * each job {@code rounds} times on a then b, alternating, so that load from other processes
     * on the host hits both alike.
     */
    public static List<Row> compare(Registry registry, JavaDevice.Settings settings, long size, int seconds,
                                    int rounds) throws IOException {
        Path backing = settings.backingDir().resolve("rig-bench-plain-" + ProcessHandle.current().pid() + ".img");
        Claim claim = registry.claim(Claim.Kind.BACKING_FILE, backing.toString());
        try {
            SparseFile.create(backing, size);
            try (LoopDevice plain = LoopDevice.attach(registry, backing, 512, true);
                 JavaDevice java = JavaDevice.create(registry, settings)) {
                // warm-up: allocates both backing files' pages and lets the server's JIT settle
                WARM_UP.run(plain.path(), size, Math.max(2, seconds / 2));
                WARM_UP.run(java.path(), size, Math.max(2, seconds / 2));
                List<Row> rows = new ArrayList<>();
                for (Fio job : JOBS) {
                    List<Fio.Figures> a = new ArrayList<>();
                    List<Fio.Figures> b = new ArrayList<>();
                    for (int round = 0; round < rounds; round++) {
                        a.add(job.run(plain.path(), size, seconds));
                        b.add(job.run(java.path(), size, seconds));
                    }
                    rows.add(new Row(job, a, b));
                }
                return rows;
            }
        } finally {
            Files.deleteIfExists(backing);
            registry.release(claim);
        }
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    static void report(PrintStream out, String loadBefore, List<Row> rows) {
        out.println("fio direct=1 ioengine=libaio, (a) loop device (direct I/O) on a sparse tmpfs file,"
                + " (b) Java device (FUSE + loop, fault engine, empty table) on the same kind of file;"
                + " medians of " + rows.get(0).a().size() + " alternating runs");
        out.println("load average before/after: " + loadBefore + " / " + loadAverage());
        out.printf("%-20s %10s %10s %10s %10s %6s%n", "job", "a MiB/s", "a IOPS", "b MiB/s", "b IOPS", "b/a");
        for (Row r : rows) {
            double a = r.medianA(), b = r.medianB();
            double bs = r.job().blockSize().equals("1M") ? 1 : 1.0 / 256;
            out.printf("%-20s %10.0f %10.0f %10.0f %10.0f %6.2f%n", r.job().label() + " qd" + r.job().iodepth(),
                    a, a / bs, b, b / bs, b / a);
        }
        for (Row r : rows) {
            out.printf("  %s samples MiB/s: a %s b %s%n", r.job().label(), samples(r.a()), samples(r.b()));
        }
    }

    private static String samples(List<Fio.Figures> f) {
        return f.stream().map(x -> String.format("%.0f", x.mibPerSecond())).toList().toString();
    }
}
