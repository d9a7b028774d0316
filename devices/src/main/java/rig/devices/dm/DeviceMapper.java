package rig.devices.dm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import rig.sys.Exec;

/**
 * Detection of device-mapper on this host. The kernel is asked first (/proc/misc,
 * /sys/class/misc/device-mapper) so that dmsetup is never run against a kernel without the
 * driver (it would create a dead /dev/mapper/control node); then {@code dmsetup targets}
 * lists the targets, after {@code modprobe dm-<target>} for the ones asked for but not yet
 * loaded (targets are modules loaded on demand).
 */
public final class DeviceMapper {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private DeviceMapper() {
    }

    /** The last listing that had no problem: a target, once registered, stays while the run lasts. */
    private static volatile DmSupport listed;

    /**
     * What device-mapper offers, trying to load the modules of {@code wanted} targets first. A
     * listing that already has them is reused (each dmsetup costs about 0.3 s in a TCG guest, and
     * every test asks).
     */
    public static DmSupport probe(Collection<String> wanted) {
        DmSupport last = listed;
        if (last != null && wanted.stream().allMatch(last::has)) {
            return last;
        }
        DmSupport now = probeNow(wanted);
        if (now.problem() == null && now.kernel()) {
            listed = now;
        }
        return now;
    }

    private static DmSupport probeNow(Collection<String> wanted) {
        String misc = read(Path.of("/proc/misc"));
        boolean sys = Files.exists(Path.of("/sys/class/misc/device-mapper"));
        DmSupport kernelOnly = DmSupport.of(misc, sys, null, null);
        if (!kernelOnly.kernel()) {
            return kernelOnly;
        }
        if (!Exec.onPath("dmsetup")) {
            return DmSupport.of(misc, sys, null, "dmsetup not installed (apt-get install dmsetup)");
        }
        DmSupport support = listTargets(misc, sys);
        List<String> absent = wanted.stream().filter(t -> !support.has(t)).toList();
        if (absent.isEmpty() || support.problem() != null) {
            return support;
        }
        for (String t : absent) {
            try {
                Exec.run(TIMEOUT, "modprobe", "dm-" + t);
            } catch (IOException e) {
                break; // no modprobe: the listing below says what is missing
            }
        }
        return listTargets(misc, sys);
    }

    /**
     * The environment for dmsetup: {@code DM_DISABLE_UDEV=1} when no udev daemon runs, so that
     * libdevmapper creates and removes the /dev/mapper nodes itself. Without it, dmsetup waits
     * for a udev event that never comes whenever /run/udev/control exists without a daemon behind
     * it (a guest or container whose initramfs ran udev and stopped it): create hangs until killed.
     */
    public static Map<String, String> dmsetupEnvironment() {
        Map<String, String> env = dmsetupEnvironment;
        if (env == null) {
            env = udevRunning(processNames()) ? Map.of() : Map.of("DM_DISABLE_UDEV", "1");
            dmsetupEnvironment = env;
        }
        return env;
    }

    /**
     * Decided once per process: whether udevd runs does not change during a run, and the decision
     * reads every process's comm (a few hundred ms of a TCG guest's CPU for each dmsetup).
     */
    private static volatile Map<String, String> dmsetupEnvironment;

    static boolean udevRunning(Stream<String> processNames) {
        return processNames.map(String::strip).anyMatch(n -> n.equals("systemd-udevd") || n.equals("udevd"));
    }

    private static Stream<String> processNames() {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .map(p -> read(p.resolve("comm"))).toList().stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    /** What device-mapper offers for fstests' dmerror and dmflakey vocabulary. */
    public static DmSupport probe() {
        return probe(DmSupport.DMERROR_AND_FLAKEY);
    }

    private static DmSupport listTargets(String misc, boolean sys) {
        try {
            Exec.Result r = Exec.run(TIMEOUT, "dmsetup", "targets");
            if (!r.ok()) {
                String why = (r.stderr().isBlank() ? r.stdout() : r.stderr()).strip().lines().findFirst().orElse("");
                return DmSupport.of(misc, sys, null, "dmsetup targets failed: " + why);
            }
            return DmSupport.of(misc, sys, r.stdout(), null);
        } catch (IOException e) {
            return DmSupport.of(misc, sys, null, e.getMessage());
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Resumes the rig's suspended dm devices stacked on {@code lower} ("/dev/vdc"), found through
     * /sys/class/block/NAME/holders: a test that stalled its device by suspending it is released
     * this way once the runner has declared it hung. Returns the names resumed.
     */
    public static java.util.List<String> resumeSuspended(String lower) {
        java.util.List<String> resumed = new java.util.ArrayList<>();
        String name = Path.of(lower).getFileName().toString();
        try (var holders = java.nio.file.Files.list(Path.of("/sys/class/block", name, "holders"))) {
            for (Path h : (Iterable<Path>) holders::iterator) {
                String dmName = read(h.resolve("dm/name")).trim();
                if (dmName.startsWith("rig-") && read(h.resolve("dm/suspended")).trim().equals("1")) {
                    rig.sys.Exec.run(TIMEOUT, null, dmsetupEnvironment(), java.util.List.of("dmsetup", "resume", dmName));
                    resumed.add(dmName);
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // nothing stacked on it, or no device-mapper
        }
        return resumed;
    }
}
