package rig.devices.java;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import rig.devices.fault.FaultEngine;
import rig.devices.own.Registry;

/**
 * The serving process of a Java device: exports the backing file, through the fault engine, as
 * the file "disk" of a FUSE mount, and serves the device's control on a Unix socket until a
 * client sends STOP (or SIGTERM). Started by {@link JavaDevice#create}; it prints one line
 * "READY key=value..." on stdout when both are up.
 */
@Command(name = "rig-device-server", mixinStandardHelpOptions = true,
        description = "Serve a Java block device (FUSE file + control socket) for one backing file.")
public final class DeviceServer implements Callable<Integer> {

    @Option(names = "--backing", required = true, description = "backing file (sparse; created if missing)")
    Path backing;
    @Option(names = "--size", required = true, description = "device size in bytes (multiple of 4096)")
    long size;
    @Option(names = "--mount", required = true, description = "empty directory to mount the FUSE file system on")
    Path mountPoint;
    @Option(names = "--socket", required = true, description = "control socket path")
    Path socket;
    @Option(names = "--name", defaultValue = "java", description = "device name (in the mount source)")
    String name;
    @Option(names = "--threads", defaultValue = "4", description = "serving threads at start (default ${DEFAULT-VALUE})")
    int threads;
    @Option(names = "--max-threads", defaultValue = "32",
            description = "serving threads at most, while requests are held (default ${DEFAULT-VALUE})")
    int maxThreads;

    public static void main(String[] args) {
        rig.sys.Trace.mark("device server: JVM up");
        System.exit(new CommandLine(new DeviceServer()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (size <= 0 || size % 4096 != 0) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--size " + size + " is not a positive multiple of 4096");
        }
        rig.sys.Trace.mark("device server " + name + ": main");
        FaultEngine engine = FaultEngine.open(backing, size);
        rig.sys.Trace.mark("device server " + name + ": fault engine open");
        DeviceService service;
        try {
            service = DeviceService.start(Registry.open(), name, engine, mountPoint, socket, threads, maxThreads,
                    System.err::println);
        } catch (IOException | RuntimeException e) {
            engine.close();
            throw e;
        }
        rig.sys.Trace.mark("device server " + name + ": serving");
        Thread hook = new Thread(service::close, "device-server-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        System.out.println("READY " + service.info().strip().replace('\n', ' '));
        System.out.flush();
        service.awaitStop();
        service.close();
        Runtime.getRuntime().removeShutdownHook(hook);
        return 0;
    }
}
