package rig.engine.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guest's command line, init script, shares, mirror and kernel choice, without booting anything. */
class GuestSetupTest {

    @TempDir
    Path dir;

    private VmSpec spec(List<String> command) {
        HostKernel k = HostKernel.of(Path.of("/boot"), Path.of("/lib/modules"), "6.1.0-56-amd64");
        return new VmSpec(k, Path.of("/var/cache/rig/vm/root.img"), List.of(Path.of("/work/rig"), Path.of("/root/.m2/repository")),
                Path.of("/work/rig/results/vm"), Path.of("/work/rig"), command, Map.of("FSTYP", "btrfs", "TEST_DEV", "/dev/vdb", "MOUNT_OPTIONS", "-o it's"),
                List.of("dm-flakey"), 1L << 30, 2048, 2, Duration.ofMinutes(5));
    }

    @Test
    void qemuBootsTheHostKernelUnderTcgWithTheRootAsASnapshotAndTwoScratchDisks() {
        List<String> c = QemuCommand.build(spec(List.of("./check")), Path.of("/var/tmp/run"), Path.of("/var/tmp/run/t.img"),
                Path.of("/var/tmp/run/s,c.img"), Path.of("/var/tmp/run/console.log"));
        String line = String.join(" ", c);
        assertEquals("qemu-system-x86_64", c.get(0));
        assertEquals("tcg,thread=single", c.get(c.indexOf("-accel") + 1));
        assertEquals("/boot/vmlinuz-6.1.0-56-amd64", c.get(c.indexOf("-kernel") + 1));
        assertEquals("/boot/initrd.img-6.1.0-56-amd64", c.get(c.indexOf("-initrd") + 1));
        assertTrue(c.get(c.indexOf("-append") + 1).contains("init=/usr/local/sbin/rig-init"), line);
        assertEquals("file:/var/tmp/run/console.log", c.get(c.indexOf("-serial") + 1));
        List<String> drives = java.util.stream.IntStream.range(0, c.size() - 1).filter(i -> c.get(i).equals("-drive"))
                .mapToObj(i -> c.get(i + 1)).toList();
        assertEquals(3, drives.size(), "root, TEST (vdb), SCRATCH (vdc) in this order");
        assertTrue(drives.get(0).contains("root.img") && drives.get(0).contains("snapshot=on"), drives.get(0));
        assertTrue(drives.get(1).startsWith("file=/var/tmp/run/t.img,"), drives.get(1));
        assertTrue(drives.get(2).startsWith("file=/var/tmp/run/s,,c.img,"), "a comma in a path is doubled: " + drives.get(2));
        assertTrue(line.contains("local,path=/var/tmp/run,mount_tag=rigrun,security_model=none -virtfs"), line);
        assertTrue(line.contains("local,path=/work/rig/results/vm,mount_tag=results,security_model=none -virtfs"), line);
        assertTrue(line.contains("local,path=/work/rig,mount_tag=ro0,security_model=none,readonly=on"), line);
        assertTrue(line.contains("local,path=/root/.m2/repository,mount_tag=ro1,security_model=none,readonly=on"), line);
        assertTrue(line.contains("local,path=/var/cache/rig/vm/root.img.cds,mount_tag=cds,security_model=none -virtfs"),
                "the class-data archives beside the image, read-write: " + line);
    }

    @Test
    void initScriptMountsSharesExportsQuotedEnvAndRecordsStatusAndTimes() {
        String s = GuestScript.render(spec(List.of("./check", "generic/250", "-x", "a b")));
        assertTrue(s.startsWith("#!/bin/bash\n"), s);
        assertTrue(s.contains("mount -t 9p -o trans=virtio,version=9p2000.L,msize=262144,cache=loose,ro ro1 '/root/.m2/repository'"), s);
        assertTrue(s.contains("modprobe -q 'dm-flakey' || [ -d /sys/module/dm_flakey ]"), s);
        assertTrue(s.indexOf(" ro0 '/work/rig'") < s.indexOf("msize=262144 results '/work/rig/results/vm'"),
                "the results share is mounted over the read-only tree: " + s);
        assertTrue(s.contains("export MOUNT_OPTIONS='-o it'\\''s'\n"), s);
        assertTrue(s.contains("cache=loose cds '/var/cache/rig/vm/root.img.cds' && export RIG_CDS_DIR="
                + "'/var/cache/rig/vm/root.img.cds'\n"), "the guest's JVMs keep their archives there: " + s);
        assertTrue(s.contains("cd '/work/rig' || exit 1\n"), s);
        assertTrue(s.contains("'./check' 'generic/250' '-x' 'a b' > /rig/run/command.out 2> /rig/run/command.err"), s);
        assertTrue(s.indexOf("command_start=") < s.indexOf("'./check'") && s.indexOf("'./check'") < s.indexOf("command_end="), s);
        assertTrue(s.contains("echo $rc > /rig/run/exit-status"), s);
        assertTrue(s.indexOf("mkfs -t \"$FSTYP\"") < s.indexOf("'./check'"), "TEST_DEV is formatted before check: " + s);
        assertTrue(s.indexOf("echo $rc > /rig/run/exit-status") < s.indexOf("sync & syncer=$!"), "the status is out before the sync");
        assertTrue(s.contains("echo o > /proc/sysrq-trigger"), "a sync stuck behind a hang does not keep the guest up: " + s);
    }

    @Test
    void aBuiltKernelBootsWithoutAnInitrd() {
        HostKernel k = new HostKernel("6.1.192-rig-control", Path.of("/var/cache/rig/kernel/build-control/arch/x86/boot/bzImage"),
                null, null);
        VmSpec spec = new VmSpec(k, Path.of("/var/cache/rig/vm/root.img"), List.of(), Path.of("/work/rig/results/vm"),
                Path.of("/work/rig"), List.of("./check"), Map.of(), List.of(), 1L << 30, 2048, 2, Duration.ofMinutes(5));
        List<String> c = QemuCommand.build(spec, Path.of("/var/tmp/run"), Path.of("/var/tmp/run/t.img"),
                Path.of("/var/tmp/run/s.img"), Path.of("/var/tmp/run/console.log"));
        assertEquals(k.vmlinuz().toString(), c.get(c.indexOf("-kernel") + 1));
        assertTrue(!c.contains("-initrd"), String.join(" ", c));
        assertEquals(Path.of("/var/cache/rig/vm/bookworm-builtin-v" + GuestImage.FORMAT + ".img"),
                GuestImage.path(Path.of("/var/cache/rig/vm"), k));
    }

    @Test
    void timingsParseAndSkipALineCutShort() {
        Map<String, Double> t = GuestScript.timings(List.of("booted=9.81", "command_start=10.25", "command_end=1"
                + "53.5", "broken=", "junk"));
        assertEquals(Map.of("booted", 9.81, "command_start", 10.25, "command_end", 153.5), t);
    }

    @Test
    void sharesAreTheTreeAndTheMavenRepositoryOnly() {
        Path tree = Path.of("/work/rig");
        Path repo = Path.of("/root/.m2/repository");
        List<Path> shares = GuestClasspath.shares(tree, repo, List.of("/work/rig/rig/target/rig.jar",
                "/root/.m2/repository/info/picocli/picocli/4.7.6/picocli-4.7.6.jar",
                "/root/.m2/repository/org/x/y.jar", "/opt/lib/z.jar", ""));
        assertEquals(List.of(tree, repo, Path.of("/opt/lib")), shares);
    }

    @Test
    void mirrorComesFromDeb822OrOneLineSources() {
        String deb822 = """
                Types: deb
                # http://snapshot.debian.org/archive/debian/20250520T000000Z
                URIs: http://deb.debian.org/debian
                Suites: bookworm bookworm-updates
                Components: main

                Types: deb
                URIs: http://deb.debian.org/debian-security
                Suites: bookworm-security
                """;
        assertEquals(Optional.of("http://deb.debian.org/debian"), AptMirror.fromDeb822(deb822, "bookworm"));
        assertEquals(Optional.empty(), AptMirror.fromDeb822(deb822, "trixie"));
        assertEquals(Optional.of("http://mirror.example/debian"), AptMirror.fromOneLine(
                "# comment\ndeb-src http://src.example/debian bookworm main\n"
                        + "deb [arch=amd64 signed-by=/k.gpg] http://mirror.example/debian bookworm main\n", "bookworm"));
    }

    @Test
    void newestCompleteKernelIsChosenNumerically() throws Exception {
        Path boot = Files.createDirectories(dir.resolve("boot"));
        Path modules = Files.createDirectories(dir.resolve("modules"));
        for (String v : List.of("6.1.0-9-amd64", "6.1.0-56-amd64", "6.1.0-60-amd64")) {
            Files.writeString(boot.resolve("vmlinuz-" + v), "k");
            if (!v.startsWith("6.1.0-60")) { // no initrd: incomplete, never chosen
                Files.writeString(boot.resolve("initrd.img-" + v), "i");
            }
            Files.createDirectories(modules.resolve(v));
        }
        assertEquals("6.1.0-56-amd64", HostKernel.find(boot, modules).orElseThrow().version());
        assertTrue(HostKernel.compareVersions("6.1.0-9-amd64", "6.1.0-56-amd64") < 0);
    }

    @Test
    void specRefusesTinyDisksAndAnEmptyCommand() {
        HostKernel k = HostKernel.of(Path.of("/boot"), Path.of("/lib/modules"), "v");
        assertThrows(IllegalArgumentException.class, () -> new VmSpec(k, Path.of("i"), List.of(), Path.of("/r"), Path.of("/"),
                List.of(), Map.of(), List.of(), 1L << 30, 1024, 1, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new VmSpec(k, Path.of("i"), List.of(), Path.of("/r"), Path.of("/"),
                List.of("true"), Map.of(), List.of(), 1L << 20, 1024, 1, Duration.ofSeconds(1)));
    }

    @Test
    void loopDisksLeaveTestAndScratchToTheRigInTheGuest() {
        VmOptions virtio = new VmOptions();
        Map<String, String> env = virtio.guestEnv(Path.of("/r"));
        assertEquals("/dev/vdb", env.get("TEST_DEV"));
        assertEquals("/dev/vdc", env.get("SCRATCH_DEV"));
        VmOptions loop = new VmOptions();
        loop.disks = GuestDisks.loop;
        Map<String, String> looped = loop.guestEnv(Path.of("/r"));
        assertTrue(!looped.containsKey("TEST_DEV") && !looped.containsKey("SCRATCH_DEV"), looped.toString());
        assertEquals("loop", looped.get("RIG_SCRATCH_BACKEND"));
        assertEquals("dm", looped.get("RIG_DEVICE"), "faults still come from dm, stacked on the loop device");
    }

    @Test
    void anUnknownDeviceOrDisksIsAUsageErrorBeforeAnyGuestBoots() {
        assertEquals(2, rig.cli.RigMain.run("vm", "run", "--device", "nbd", "--", "true"));
        assertEquals(2, rig.cli.RigMain.run("vm", "run", "--disks", "nvme", "--", "true"));
    }
}
