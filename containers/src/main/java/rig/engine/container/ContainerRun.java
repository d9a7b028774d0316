package rig.engine.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.HostConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.output.WaitingConsumer;
import org.testcontainers.containers.startupcheck.StartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.utility.DockerImageName;
import rig.devices.own.Claim;
import rig.devices.own.Registry;
import rig.devices.own.Sweeper;

/**
 * Runs one {@link ContainerSpec} through testcontainers, on this host's kernel, with what the rig
 * needs and no more: CAP_SYS_ADMIN (mounts, loop and FUSE) and CAP_SYSLOG (the kernel log), the
 * loop control device and any loop device (block major 7, nodes made inside as devices appear),
 * /dev/fuse, /dev/kmsg, /dev/btrfs-control, this host's tracefs, and a 16 GiB /dev/shm. Not
 * privileged. The container is claimed in the registry before it exists, with the state directory
 * its rig records in (this host's {@code /run/rig-containers/NAME}, the container's /run/rig), so
 * that a sweep after a SIGKILL removes the container and then what its rig left on the host.
 * Output streams to {@code out}/{@code err} as it comes; at the timeout the blocked tasks are
 * named ({@link ContainerHang}) and the container is killed.
 */
final class ContainerRun {

    static final String STATE_INSIDE = "/run/rig";
    static final String TRACEFS = "/sys/kernel/tracing";
    static final List<String> DEVICES = List.of("/dev/loop-control", "/dev/fuse", "/dev/kmsg", "/dev/btrfs-control");
    /**
     * Docker mounts /proc/sys read-only; the tests write it (vm/drop_caches, as fstests does), and
     * CAP_SYS_ADMIN lets the container remount it: nothing else of /proc is unmasked.
     */
    static final List<String> ENTRY = List.of("/bin/sh", "-c", "mount -o remount,rw /proc/sys && exec \"$@\"",
            "rig-container");
    private static final AtomicLong SEQ = new AtomicLong();
    private static final Duration OUTPUT_DRAIN = Duration.ofSeconds(10);

    private ContainerRun() {
    }

    /** Where the state directories of containers go: beside the registry's own ({@code /run/rig-containers}). */
    static Path stateParent(Registry registry) {
        return registry.dir().resolveSibling(registry.dir().getFileName() + "-containers");
    }

    static ContainerResult run(ContainerSpec spec, DockerClient docker, Registry registry, PrintStream out,
                               PrintStream err) throws IOException {
        String name = "rig-" + ProcessHandle.current().pid() + "-" + spec.image().userland().name() + "-"
                + SEQ.incrementAndGet();
        Path state = Files.createDirectories(stateParent(registry).resolve(name));
        Claim stateClaim = registry.claim(Claim.Kind.DIRECTORY, state.toString());
        Claim containerClaim = registry.claim(Claim.Kind.CONTAINER, DockerContainerRemover.resource(name, state));
        Files.createDirectories(spec.results());
        Instant start = Instant.now();
        StringBuilder stdout = new StringBuilder();
        List<String> evidence = new ArrayList<>();
        OptionalInt status = OptionalInt.empty();
        boolean timedOut = false;
        WaitingConsumer streamEnd = new WaitingConsumer();
        GenericContainer<?> c = container(spec, name, state, stdout, out, err, streamEnd);
        try {
            c.start();
            try {
                status = OptionalInt.of(docker.waitContainerCmd(c.getContainerId()).exec(new WaitContainerResultCallback())
                        .awaitStatusCode(spec.timeout().toSeconds(), TimeUnit.SECONDS));
            } catch (DockerClientException e) { // the wait timed out
                timedOut = true;
                Long pid = docker.inspectContainerCmd(c.getContainerId()).exec().getState().getPidLong();
                evidence.addAll(ContainerHang.evidence(pid == null ? -1 : pid));
                Files.write(spec.results().resolve("container-hang.txt"), evidence);
                err.println("rig container: " + name + " still ran at its timeout (" + spec.timeout().toSeconds()
                        + " s); blocked tasks:");
                evidence.forEach(l -> err.println("  " + l));
                // as a sweep does: a kill would otherwise leave the unmount over a dead FUSE server waiting forever
                DockerContainerRemover.abortFuse(docker, name, Registry.open(state))
                        .forEach(l -> err.println("rig container: " + name + ": " + l));
                docker.killContainerCmd(c.getContainerId()).exec();
            }
            awaitOutput(streamEnd, err);
        } finally {
            if (remove(c, name, state, err)) {
                registry.release(containerClaim);
                Sweeper.deleteTree(state);
                registry.release(stateClaim);
            }
            HostOwnership.restore(spec.results());
        }
        return new ContainerResult(name, status, timedOut, stdout.toString(), spec.results(), evidence,
                Duration.between(start, Instant.now()));
    }

    /** The container's last lines (the summary the verdict is read from) are printed before it is removed. */
    private static void awaitOutput(WaitingConsumer streamEnd, PrintStream err) {
        try {
            streamEnd.waitUntilEnd(OUTPUT_DRAIN.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            err.println("rig container: the container's output did not end within " + OUTPUT_DRAIN.toSeconds()
                    + " s of its exit; what came is above");
        }
    }

    private static GenericContainer<?> container(ContainerSpec spec, String name, Path state, StringBuilder stdout,
                                                 PrintStream out, PrintStream err, WaitingConsumer streamEnd) {
        GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(spec.image().name()));
        for (Path share : spec.readOnlyShares()) {
            c.withFileSystemBind(share.toString(), share.toString(), BindMode.READ_ONLY);
        }
        c.withFileSystemBind(spec.results().toString(), spec.results().toString(), BindMode.READ_WRITE);
        c.withFileSystemBind(state.toString(), STATE_INSIDE, BindMode.READ_WRITE);
        c.withFileSystemBind(TRACEFS, TRACEFS, BindMode.READ_WRITE);
        c.withEnv(spec.env());
        c.withWorkingDirectory(spec.workDir().toString());
        List<String> command = new ArrayList<>(ENTRY);
        command.addAll(spec.command());
        c.withCommand(command.toArray(String[]::new));
        c.withLabels(Map.of("dev.rig.owner", Long.toString(ProcessHandle.current().pid()), UserlandImage.LABEL_USERLAND,
                spec.image().userland().name()));
        c.withStartupCheckStrategy(new Created());
        c.waitingFor(new NoWait());
        java.util.function.Consumer<OutputFrame> print = frame -> {
            if (frame.getType() == OutputFrame.OutputType.STDOUT) {
                synchronized (stdout) {
                    stdout.append(frame.getUtf8String());
                }
                out.print(frame.getUtf8String());
            } else if (frame.getType() == OutputFrame.OutputType.STDERR) {
                err.print(frame.getUtf8String());
            }
        };
        c.withLogConsumer(print.andThen(streamEnd));
        c.withCreateContainerCmdModifier(cmd -> hostConfig(cmd, name));
        return c;
    }

    private static void hostConfig(CreateContainerCmd cmd, String name) {
        HostConfig hc = cmd.getHostConfig();
        List<Device> devices = DEVICES.stream().filter(d -> Files.exists(Path.of(d)))
                .map(d -> new Device("rwm", d, d)).toList();
        hc.withCapAdd(Capability.SYS_ADMIN, Capability.SYSLOG)
                .withDevices(devices)
                .withDeviceCgroupRules(List.of("b 7:* rwm"))
                .withShmSize(ContainerSpec.SHM_BYTES)
                .withInit(true);
        cmd.withName(name).withHostName(name.length() > 63 ? name.substring(0, 63) : name);
    }

    /** Removes the container and what its rig left; false (claims kept for the next sweep) when something stayed. */
    private static boolean remove(GenericContainer<?> c, String name, Path state, PrintStream err) {
        try {
            c.stop();
            Registry inner = Registry.open(state);
            List<String> swept = Sweeper.sweepGoneNamespaces(inner);
            if (inner.claims().isEmpty()) {
                return true;
            }
            err.println("rig container: " + name + ": kept for the next sweep: " + String.join("; ", swept));
            return false;
        } catch (RuntimeException e) {
            err.println("rig container: cannot remove " + name + " (" + e.getMessage() + "); the next start sweeps it");
            return false;
        }
    }

    /** The run begins as soon as the container exists: its command's end is awaited separately, with the timeout. */
    private static final class Created extends StartupCheckStrategy {
        @Override
        public StartupStatus checkStartupState(DockerClient docker, String containerId) {
            return StartupStatus.SUCCESSFUL;
        }
    }

    /** Nothing to wait for: the container offers no port. */
    private static final class NoWait extends AbstractWaitStrategy {
        @Override
        protected void waitUntilReady() {
        }
    }
}
