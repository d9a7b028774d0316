package rig.check.devices;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rig.config.Section;
import rig.config.UserInputException;
import rig.devices.own.Claim;
import rig.devices.own.Mounts;
import rig.devices.own.Registry;
import rig.sys.Exec;

/**
 * Devices named by the configuration. Each must exist, be a block device, and be mounted nowhere
 * but at its own mount point (TEST_DEV at TEST_DIR; SCRATCH_DEV at SCRATCH_MNT); otherwise the run
 * is refused with the reason. TEST_DEV is mounted on TEST_DIR if it is not (and unmounted at the
 * end), as fstests does; it is never formatted.
 */
final class ConfiguredDevices implements TestDevices {

    private final Section section;
    private final Registry registry;
    private final List<Claim> claims = new ArrayList<>();

    private ConfiguredDevices(Section section, Registry registry) {
        this.section = section;
        this.registry = registry;
    }

    static ConfiguredDevices check(Section s, Registry registry) throws IOException {
        String testDev = required(s, "TEST_DEV");
        String testDir = required(s, "TEST_DIR");
        requireBlockDevice("TEST_DEV", testDev, testDir, s);
        s.get("SCRATCH_DEV").ifPresent(dev -> requireBlockDevice("SCRATCH_DEV", dev, s.get("SCRATCH_MNT", ""), s));
        if (s.get("SCRATCH_DEV").isPresent() && s.get("SCRATCH_MNT").isEmpty()) {
            throw new UserInputException("SCRATCH_DEV is set but SCRATCH_MNT is not" + where(s)
                    + "; set SCRATCH_MNT to an empty directory");
        }
        ConfiguredDevices d = new ConfiguredDevices(s, registry);
        d.mountTest(Path.of(testDev), Path.of(testDir));
        return d;
    }

    private void mountTest(Path dev, Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new UserInputException("TEST_DIR=" + dir + " is not a directory" + where(section) + "; create it");
        }
        if (Mounts.isMountedAt(dev.toString(), dir)) {
            return;
        }
        List<String> cmd = new ArrayList<>(List.of("mount", "-t", section.fstyp()));
        section.get("TEST_FS_MOUNT_OPTS").or(() -> section.get("MOUNT_OPTIONS"))
                .ifPresent(o -> cmd.addAll(List.of(o.split("\\s+"))));
        cmd.addAll(List.of(dev.toString(), dir.toString()));
        Claim claim = registry.claim(Claim.Kind.MOUNT, dir.toString());
        Exec.Result r = Exec.run(Duration.ofSeconds(60), cmd);
        if (!r.ok()) {
            registry.release(claim);
            throw new UserInputException("cannot mount TEST_DEV=" + dev + " on TEST_DIR=" + dir + ": "
                    + r.output().strip() + " (is it formatted as " + section.fstyp() + "? fstests does not format TEST_DEV)");
        }
        claims.add(claim);
    }

    static void requireBlockDevice(String var, String device, String ownMountPoint, Section s) {
        Path p = Path.of(device);
        if (!Files.exists(p)) {
            throw new UserInputException(var + "=" + device + " does not exist" + where(s) + "; fix the configuration");
        }
        Path real;
        try {
            real = p.toRealPath();
        } catch (IOException e) {
            throw new UserInputException(var + "=" + device + " cannot be resolved: " + e.getMessage());
        }
        if (!Files.exists(Path.of("/sys/class/block", real.getFileName().toString(), "dev"))
                || Files.isRegularFile(real) || Files.isDirectory(real)) {
            throw new UserInputException(var + "=" + device + " is not a block device" + where(s)
                    + "; name a disk, partition or loop device");
        }
        Path own = ownMountPoint.isEmpty() ? null : Mounts.realPath(Path.of(ownMountPoint));
        for (Mounts.Mount m : Mounts.ofDevice(real.toString())) {
            Path mp = m.mountPoint();
            if (!mp.equals(own)) {
                throw new UserInputException(var + "=" + device + " is mounted on " + mp + where(s)
                        + "; the rig only uses devices that are not in use elsewhere (unmount it or name another)");
            }
        }
    }

    private static String required(Section s, String var) {
        return s.get(var).orElseThrow(() -> new UserInputException(var + " is not set" + where(s)
                + "; set it in local.config or the environment, or remove the configuration to use the embedded default"));
    }

    private static String where(Section s) {
        return s.named() ? " in section [" + s.name() + "]" : "";
    }

    @Override
    public Section section() {
        return section;
    }

    @Override
    public Map<String, String> facts() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("DEVICES", "configured");
        return f;
    }

    @Override
    public void close() {
        for (Claim c : claims) {
            HostOps.unmount(Path.of(c.resource()));
            registry.release(c);
        }
        claims.clear();
    }
}
