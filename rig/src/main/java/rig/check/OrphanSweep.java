package rig.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import rig.devices.own.Claim;
import rig.devices.own.Registry;
import rig.sys.Exec;

/**
 * Interim sweep of claims whose owner died (a SIGKILLed run, a killed worker): unmounts, detaches
 * loop devices, removes backing files and directories, in the claim kinds' order. To be replaced
 * by rig.devices.own.Sweeper when it lands; nothing without a claim is touched.
 */
final class OrphanSweep {

    private OrphanSweep() {
    }

    /** Returns one line per thing removed or left, for the log. */
    static List<String> sweep(Registry registry) {
        List<Claim> orphans = registry.orphans().stream().sorted(Comparator.comparing(Claim::kind)).toList();
        List<String> report = new java.util.ArrayList<>();
        for (Claim c : orphans) {
            try {
                remove(c);
                registry.release(c);
                report.add("swept " + c.kind() + " " + c.resource() + " (owner " + c.ownerPid() + " is gone)");
            } catch (IOException | RuntimeException e) {
                report.add("cannot sweep " + c.kind() + " " + c.resource() + ": " + e.getMessage());
            }
        }
        return report;
    }

    private static void remove(Claim c) throws IOException {
        Path p = Path.of(c.resource());
        switch (c.kind()) {
            case MOUNT, FUSE_MOUNT -> HostOps.detach(p);
            case LOOP_DEVICE -> {
                if (Files.exists(Path.of("/sys/block", p.getFileName().toString(), "loop"))) {
                    Exec.run(Duration.ofSeconds(30), "losetup", "-d", c.resource());
                }
            }
            case BACKING_FILE -> Files.deleteIfExists(p);
            case DIRECTORY -> deleteTree(p);
            case TRACE_INSTANCE -> {
                if (Files.isDirectory(p)) {
                    Files.delete(p);
                }
            }
            case PROCESS, DM_DEVICE -> {
                // not created by the runner; left to the owning module's sweeper
                throw new IOException("not handled by the interim sweep");
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        String real = Mounts.realPath(dir);
        for (Mounts.Mount m : Mounts.read()) {
            if (m.target().equals(real) || m.target().startsWith(real + "/")) {
                throw new IOException(m.target() + " is still mounted; not deleting " + dir);
            }
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
