package rig.checkers.scope;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import rig.check.api.CheckContext;
import rig.devices.own.Claim;
import rig.devices.own.Mounts;
import rig.devices.own.Registry;

/**
 * What on the host belongs to one test: its processes (the context's process roots and their
 * descendants) and its block devices: those its configuration names (TEST_DEV, SCRATCH_DEV,
 * SCRATCH_DEV_POOL, LOGWRITES_DEV, RIG_OE_DEVICES), those stacked on them (a dm-error or
 * dm-flakey device over SCRATCH_DEV) and the loop and dm devices its processes claimed in the
 * registry (a test's own loop devices). Devices seen once stay in scope: a test removes its dm
 * and loop devices before the checkers finish.
 */
public final class TestScope {

    private static final List<String> DEVICE_VARS = List.of("TEST_DEV", "SCRATCH_DEV", "SCRATCH_DEV_POOL",
            "LOGWRITES_DEV", "RIG_OE_DEVICES");

    private final Set<String> configured = new HashSet<>();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final List<Long> roots;
    private final Registry registry;

    TestScope(Map<String, String> config, List<Long> roots, Registry registry) {
        this.roots = List.copyOf(roots);
        this.registry = registry;
        for (String var : DEVICE_VARS) {
            String v = config.get(var);
            if (v != null) {
                for (String dev : v.trim().split("[\\s,]+")) {
                    if (!dev.isEmpty()) {
                        configured.add(Mounts.kernelName(dev));
                    }
                }
            }
        }
    }

    public static TestScope of(CheckContext ctx, Registry registry) {
        return new TestScope(ctx.config(), ctx.processRoots(), registry);
    }

    /** For callers without a test context: {@code config}'s devices and this process's family. */
    public static TestScope of(Map<String, String> config, Registry registry) {
        return new TestScope(config, List.of(ProcessHandle.current().pid()), registry);
    }

    /** The process roots and every live descendant of them. */
    public Set<Long> processes() {
        return family(roots);
    }

    /** {@code roots} and every live descendant of them. */
    public static Set<Long> family(List<Long> roots) {
        Set<Long> pids = new HashSet<>(roots);
        for (long root : roots) {
            ProcessHandle.of(root).ifPresent(h -> h.descendants().forEach(p -> pids.add(p.pid())));
        }
        return pids;
    }

    /**
     * True when task {@code tid} (a thread, as the kernel's "PID" in a report) belongs to a process
     * of this run that is not the test's: another -j lane's worker or what it started. False when
     * it is the test's, a kernel thread, gone, or not this run's.
     */
    public boolean otherLanesTask(long tid) {
        long tgid = threadGroup(tid);
        if (tgid <= 0 || processes().contains(tgid)) {
            return false;
        }
        ProcessHandle runner = ProcessHandle.current();
        return ProcessHandle.of(tgid).map(p -> isDescendant(p, runner)).orElse(false);
    }

    private static boolean isDescendant(ProcessHandle p, ProcessHandle ancestor) {
        for (var h = p.parent(); h.isPresent(); h = h.get().parent()) {
            if (h.get().pid() == ancestor.pid()) {
                return true;
            }
        }
        return false;
    }

    /** The process (Tgid in /proc/TID/status) of thread {@code tid}; 0 when it is gone. */
    static long threadGroup(long tid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(tid), "status"))) {
                if (line.startsWith("Tgid:")) {
                    return Long.parseLong(line.substring(5).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // the task is gone
        }
        return 0;
    }

    /** Notes the devices stacked on the configured ones and those the test's processes claimed now. */
    public void refresh() {
        configured.forEach(d -> holders(d, seen));
        seen.addAll(claimedDevices());
    }

    /** The kernel names ("loop3", "dm-1") of the test's devices, as far as seen. */
    public Set<String> devices() {
        Set<String> all = new HashSet<>(configured);
        all.addAll(seen);
        all.addAll(claimedDevices());
        return all;
    }

    public boolean configuredNothing() {
        return configured.isEmpty();
    }

    /**
     * The kernel name of block device {@code path} ("/dev/mapper/rig-1-scratch" gives "dm-0") and of
     * every device stacked on it; just the name when there is no such device.
     */
    public static Set<String> stackOf(String path) {
        String name = Mounts.kernelName(path);
        Set<String> all = new HashSet<>(Set.of(name));
        holders(name, all);
        return all;
    }

    /** The devices holding {@code dev} (/sys/class/block/DEV/holders), and theirs, into {@code into}. */
    private static void holders(String dev, Set<String> into) {
        try (var list = Files.list(Path.of("/sys/class/block", dev, "holders"))) {
            for (Path h : (Iterable<Path>) list::iterator) {
                String name = h.getFileName().toString();
                if (into.add(name)) {
                    holders(name, into);
                }
            }
        } catch (IOException | RuntimeException e) {
            // no such device, or nothing stacked on it
        }
    }

    /** Loop and dm devices the test's processes claimed in the registry. */
    private Set<String> claimedDevices() {
        Set<String> all = new HashSet<>();
        if (registry == null) {
            return all;
        }
        Set<Long> family = processes();
        try {
            for (Claim c : registry.claims()) {
                if (family.contains(c.ownerPid()) && (c.kind() == Claim.Kind.LOOP_DEVICE || c.kind() == Claim.Kind.DM_DEVICE)) {
                    // LoopDevice claims "/dev/loopN|backing file"; others the device path alone
                    all.add(Mounts.kernelName(c.resource().split("\\|", 2)[0]));
                }
            }
        } catch (RuntimeException e) {
            // an unreadable registry leaves the configured devices
        }
        return all;
    }
}
