package rig.checkers.oe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import rig.checkers.scope.TestScope;

/**
 * Which btrfs filesystems belong to the test: those on the test's devices ({@link TestScope}:
 * the configured ones, what is stacked on them, the loop devices its processes claimed). Other
 * btrfs filesystems on the host (another run's, another lane's under -j) are listed in the .oe
 * but never fail the test. An fsid's devices are read from /sys/fs/btrfs/FSID/devices the first
 * time an event names it (it is mounted then); an fsid whose devices could not be read counts
 * as the test's.
 */
final class FsidScope {

    private final TestScope scope;
    private final Map<String, Set<String>> fsidDevices = new ConcurrentHashMap<>();

    FsidScope(TestScope scope) {
        this.scope = scope;
    }

    /** Called on every event: remembers the devices of an fsid seen for the first time. */
    void seen(String fsid) {
        fsidDevices.computeIfAbsent(fsid, f -> {
            scope.refresh();
            return readDevices(f);
        });
    }

    Set<String> devicesOf(String fsid) {
        return fsidDevices.getOrDefault(fsid, Set.of());
    }

    boolean ours(String fsid) {
        Set<String> devs = devicesOf(fsid);
        Set<String> mine = scope.devices();
        if (devs.isEmpty() || mine.isEmpty()) {
            return true;
        }
        return devs.stream().anyMatch(mine::contains);
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
