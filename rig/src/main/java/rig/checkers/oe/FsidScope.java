package rig.checkers.oe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import rig.devices.own.Claim;
import rig.devices.own.Mounts;
import rig.devices.own.Registry;

/**
 * Which btrfs filesystems belong to the test: those on the devices its configuration names
 * (TEST_DEV, SCRATCH_DEV, SCRATCH_DEV_POOL, LOGWRITES_DEV, RIG_OE_DEVICES), on devices stacked on
 * those (a dm-error or dm-flakey device over SCRATCH_DEV, noted while it exists), or on loop devices
 * this process or one of its descendants (the runner's test worker) claimed in the registry
 * (the Java device's loop, a test's own loop device). Other
 * btrfs filesystems on the host (another run's) are listed in the .oe but never fail the test.
 * An fsid's devices are read from /sys/fs/btrfs/FSID/devices the first time an event names it
 * (it is mounted then); an fsid whose devices could not be read counts as the test's.
 */
final class FsidScope {

    private static final List<String> DEVICE_VARS = List.of("TEST_DEV", "SCRATCH_DEV", "SCRATCH_DEV_POOL",
            "LOGWRITES_DEV", "RIG_OE_DEVICES");

    private final Set<String> devices;
    private final Registry registry;
    private final Map<String, Set<String>> fsidDevices = new ConcurrentHashMap<>();
    /** Devices stacked on the configured ones (dm-error's dm-N over SCRATCH_DEV), seen while they existed. */
    private final Set<String> stacked = ConcurrentHashMap.newKeySet();

    FsidScope(Map<String, String> config, Registry registry) {
        this.registry = registry;
        this.devices = new HashSet<>();
        for (String var : DEVICE_VARS) {
            String v = config.get(var);
            if (v != null) {
                for (String dev : v.trim().split("[\\s,]+")) {
                    if (!dev.isEmpty()) {
                        devices.add(Mounts.kernelName(dev));
                    }
                }
            }
        }
    }

    /** Called on every event: remembers the devices of an fsid seen for the first time. */
    void seen(String fsid) {
        fsidDevices.computeIfAbsent(fsid, f -> {
            devices.forEach(d -> holders(d, stacked));
            stacked.addAll(claimedDevices()); // a test's own loop devices are released before the finish
            return readDevices(f);
        });
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

    Set<String> devicesOf(String fsid) {
        return fsidDevices.getOrDefault(fsid, Set.of());
    }

    boolean ours(String fsid) {
        Set<String> devs = devicesOf(fsid);
        Set<String> scope = scopeDevices();
        if (devs.isEmpty() || scope.isEmpty()) {
            return true;
        }
        return devs.stream().anyMatch(scope::contains);
    }

    private Set<String> scopeDevices() {
        Set<String> all = new HashSet<>(devices);
        all.addAll(stacked);
        all.addAll(claimedDevices());
        return all;
    }

    /** Loop and dm devices this process or one of its descendants claimed in the registry. */
    private Set<String> claimedDevices() {
        Set<String> all = new HashSet<>();
        Set<Long> family = new HashSet<>();
        family.add(ProcessHandle.current().pid());
        ProcessHandle.current().descendants().forEach(p -> family.add(p.pid()));
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

    private static Set<String> readDevices(String fsid) {
        Set<String> names = new HashSet<>();
        try (var list = Files.list(Path.of("/sys/fs/btrfs", fsid, "devices"))) {
            list.forEach(p -> names.add(p.getFileName().toString()));
        } catch (IOException e) {
            // unmounted already: unknown devices
        }
        return names;
    }
}
