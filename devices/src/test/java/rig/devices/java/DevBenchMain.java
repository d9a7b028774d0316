package rig.devices.java;

import java.nio.file.Path;
import rig.devices.bench.DeviceBench;
import rig.devices.own.Registry;

/** Dev-only: the benchmark against the pass-through stand-in (until the fault engine lands). */
public final class DevBenchMain {
    public static void main(String[] args) throws Exception {
        var s = new JavaDevice.Settings("bench", 1L << 30, Path.of("/dev/shm"))
                .withThreads(Integer.parseInt(args[0])).withServerMainClass(PassThroughEngine.class.getName());
        var rows = DeviceBench.compare(Registry.open(Path.of("/tmp/jd/state")), s, 1L << 30, Integer.parseInt(args[1]));
        java.lang.reflect.Method m = DeviceBench.class.getDeclaredMethod("report", java.io.PrintStream.class, int.class, java.util.List.class);
        m.setAccessible(true);
        m.invoke(null, System.out, 1, rows);
    }
}
