package rig.devices.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
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

    @Option(names = "--size", defaultValue = "1073741824", description = "device size in bytes (default 1 GiB)")
    long size;
    @Option(names = "--runtime", defaultValue = "10", description = "seconds per fio job (default ${DEFAULT-VALUE})")
    int seconds;
    @Option(names = "--backing-dir", defaultValue = "/dev/shm", description = "where the backing files go (tmpfs)")
    Path backingDir;
    @Option(names = "--threads", defaultValue = "4", description = "Java device serving threads (default ${DEFAULT-VALUE})")
    int threads;
    @Option(names = "--rounds", defaultValue = "1", description = "repeat the whole comparison (default ${DEFAULT-VALUE})")
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
        JavaDevice.Settings settings = new JavaDevice.Settings("bench", size, backingDir).withThreads(threads);
        for (int round = 1; round <= rounds; round++) {
            report(System.out, round, compare(Registry.open(), settings, size, seconds));
        }
        return 0;
    }

    /** Runs every job on a plain loop device, then on a Java device made with {@code settings}. */
    public static List<double[]> compare(Registry registry, JavaDevice.Settings settings, long size, int seconds)
            throws IOException {
        List<Fio.Figures> plain = plainLoop(registry, settings.backingDir(), size, seconds);
        List<Fio.Figures> java = new ArrayList<>();
        try (JavaDevice device = JavaDevice.create(registry, settings)) {
            for (Fio job : JOBS) {
                java.add(job.run(device.path(), size, seconds));
            }
        }
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < JOBS.size(); i++) {
            rows.add(new double[] {plain.get(i).mibPerSecond(), plain.get(i).iops(), java.get(i).mibPerSecond(),
                java.get(i).iops()});
        }
        return rows;
    }

    private static List<Fio.Figures> plainLoop(Registry registry, Path dir, long size, int seconds)
            throws IOException {
        Path backing = dir.resolve("rig-bench-plain-" + ProcessHandle.current().pid() + ".img");
        Claim claim = registry.claim(Claim.Kind.BACKING_FILE, backing.toString());
        try {
            try (RandomAccessFile f = new RandomAccessFile(backing.toFile(), "rw")) {
                f.setLength(size);
            }
            List<Fio.Figures> figures = new ArrayList<>();
            try (LoopDevice loop = LoopDevice.attach(registry, backing, 512, true)) {
                for (Fio job : JOBS) {
                    figures.add(job.run(loop.path(), size, seconds));
                }
            }
            return figures;
        } finally {
            Files.deleteIfExists(backing);
            registry.release(claim);
        }
    }

    static void report(PrintStream out, int round, List<double[]> rows) {
        out.printf("round %d: fio direct=1 libaio, (a) loop dio on tmpfs file, (b) Java device, empty table%n", round);
        out.printf("%-28s %12s %12s %12s %12s %7s%n", "job", "a MiB/s", "a IOPS", "b MiB/s", "b IOPS", "b/a");
        for (int i = 0; i < rows.size(); i++) {
            Fio job = JOBS.get(i);
            double[] r = rows.get(i);
            out.printf("%-28s %12.0f %12.0f %12.0f %12.0f %7.2f%n", job.label() + " qd" + job.iodepth(), r[0], r[1],
                    r[2], r[3], r[2] / r[0]);
        }
    }
}
