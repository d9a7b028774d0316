package rig.check.hang;

import rig.check.run.Checkers;
import rig.check.run.Worker;
import rig.check.run.WorkerPool;
import rig.check.devices.TestDevices;
import rig.check.devices.HostOps;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import rig.devices.DeviceControl;
import rig.devices.own.Mounts;
import rig.devices.own.Registry;
import rig.devices.own.Sweeper;
import rig.sys.LibC;

/**
 * The runner's hang path, at the test timeout or when {@link HangWatch} saw progress stop:
 * keeps the checkers' picture (stacks, .blocked, the ledger's outstanding ordered extents),
 * saves the Java device's journal to NNN.journal, kills the worker (and what it started),
 * releases the device's stalls, aborts the FUSE connection if the worker or SCRATCH stays
 * stuck, unmounts lazily, sweeps what the worker owned, and checks that the host is back:
 * nothing mounted from SCRATCH and the kernel let go of the device (an O_EXCL open succeeds).
 * A mount that will not go away means the run must stop ({@link Result#hostLost()}).
 */
public final class HangRecovery {

    private static final Duration KILL_GRACE = Duration.ofSeconds(2);
    private static final Duration RELEASE_WAIT = Duration.ofSeconds(15);

    /**
     * {@code culprit}: "hung: task ... in ...; ordered extent ... outstanding", and {@code culpritFunction}
     * the function that task waited in, when a task was blocked.
     */
    public record Result(List<String> notes, Optional<String> culprit, Optional<String> culpritFunction, boolean recovered,
                  Optional<String> hostLost) {
    }

    private HangRecovery() {
    }

    public static Result recover(String why, Checkers.Context ctx, Checkers checkers, WorkerPool workers, Worker worker,
                          TestDevices devices, Registry registry, Path seqres) {
        List<String> notes = new ArrayList<>();
        notes.add(why);
        ctx.markHung();
        checkers.poll(ctx); // the sampler and the ledger keep this picture; the recovery below wakes everything
        rig.check.api.HangEvidence evidence = checkers.evidence();
        Optional<String> culprit = HangWatch.culprit(evidence);
        Optional<String> culpritFunction = HangWatch.culpritTask(evidence).map(rig.check.api.HangEvidence.Blocked::function);
        Optional<DeviceControl> control = devices.scratchControl();
        control.ifPresent(c -> saveJournal(c, seqres, notes));
        boolean gone = workers.replace(KILL_GRACE);
        notes.add("killed worker PID " + worker.pid() + " and what it started; a fresh worker takes over");
        control.ifPresent(c -> releaseStalls(c, notes));
        boolean resumed = resumeSuspendedDm(devices, notes);
        boolean aborted = false;
        if (!gone) {
            notes.add("worker PID " + worker.pid() + " did not exit within " + KILL_GRACE.toSeconds()
                    + " s of SIGKILL (stuck in the kernel)");
            gone = (control.isPresent() || resumed) && workers.awaitKilled(KILL_GRACE);
            if (gone) {
                notes.add("worker PID " + worker.pid() + " exited once the stalls were released");
            }
        }
        Optional<java.util.Set<String>> elsewhere = gone ? Optional.empty() : stuckElsewhere(evidence,
                rig.checkers.scope.TestScope.stackOf(devices.section().get("SCRATCH_DEV", "")));
        if (elsewhere.isPresent()) {
            notes.add("the outstanding ordered extents are on " + String.join(", ", elsewhere.get())
                    + ", not on SCRATCH_DEV: aborting SCRATCH cannot release them, so it is left as it is");
        } else if (!gone) {
            aborted = unstick(devices, notes);
            gone = workers.awaitKilled(KILL_GRACE);
            if (!gone) {
                notes.add("worker PID " + worker.pid() + " is still stuck; what it owns is swept once it is gone");
            }
        }
        Path mnt = TestDevices.scratchMount(devices.section());
        HostOps.detach(mnt);
        Sweeper.sweep(registry).forEach(notes::add);
        String dev = devices.section().get("SCRATCH_DEV", "");
        if (!dev.isEmpty()) {
            for (Mounts.Mount m : Mounts.ofDevice(dev)) { // mounts the test made elsewhere
                Path other = m.mountPoint();
                HostOps.detach(other);
                notes.add("unmounted " + dev + " from " + other + " (lazy)");
            }
        }
        boolean free = dev.isEmpty() || awaitFree(dev);
        if (!free && !aborted) {
            notes.add(dev + " is still held by the kernel " + RELEASE_WAIT.toSeconds() + " s after the release");
            aborted = unstick(devices, notes);
            HostOps.detach(mnt);
            free = awaitFree(dev);
        }
        List<String> left = dev.isEmpty() ? List.of() : Mounts.ofDevice(dev).stream().map(m -> m.mountPoint().toString()).toList();
        Optional<String> lost = Optional.empty();
        if (Mounts.at(Mounts.realPath(mnt)).isPresent() || !left.isEmpty()) {
            lost = Optional.of("SCRATCH_DEV " + dev + " is still mounted on " + (left.isEmpty() ? List.of(mnt) : left)
                    + " after a lazy unmount; unmount it (umount -l), abort its FUSE connection"
                    + " (/sys/fs/fuse/connections/N/abort) and rerun");
            notes.add("host not recovered: " + lost.get());
        }
        boolean recovered = gone && lost.isEmpty() && (free || aborted);
        notes.add(recovered ? "recovered: worker gone, nothing mounted from SCRATCH, " + (free
                ? dev + " released by the kernel" : "SCRATCH aborted and rebuilt before the next test")
                : "recovery incomplete (see above)");
        return new Result(notes, culprit, culpritFunction, recovered, lost);
    }

    private static void saveJournal(DeviceControl c, Path seqres, List<String> notes) {
        Path journal = Path.of(seqres + ".journal");
        try {
            c.saveJournal(journal);
            notes.add("SCRATCH device journal saved to " + journal.getFileName());
        } catch (IOException e) {
            notes.add("could not save the SCRATCH device journal: " + e.getMessage());
        }
    }

    private static void releaseStalls(DeviceControl c, List<String> notes) {
        try {
            notes.add("released " + c.releaseStalls() + " stalled request(s) of the SCRATCH device");
            c.loadTable("");
            notes.add("SCRATCH device table reset (every request passes)");
        } catch (IOException e) {
            notes.add("could not release the SCRATCH device's stalls: " + e.getMessage());
        }
    }

    /** The dm backend's stall is a suspended device stacked on TEST_DEV or SCRATCH_DEV: resumed, its requests go on. */
    private static boolean resumeSuspendedDm(TestDevices devices, List<String> notes) {
        boolean any = false;
        for (String var : List.of("SCRATCH_DEV", "TEST_DEV")) {
            String dev = devices.section().get(var, "");
            if (dev.isEmpty()) {
                continue;
            }
            for (String name : rig.devices.dm.DeviceMapper.resumeSuspended(dev)) {
                notes.add("resumed the suspended dm device " + name + " on " + var + " " + dev);
                any = true;
            }
        }
        return any;
    }

    /**
     * The devices of the test's outstanding ordered extents when there are some and none of them is
     * SCRATCH_DEV or stacked on it ({@code scratchStack}): generic/708 hangs on TEST_DEV. Empty when
     * the evidence points at SCRATCH or says nothing of devices.
     */
    static Optional<java.util.Set<String>> stuckElsewhere(rig.check.api.HangEvidence evidence,
                                                          java.util.Set<String> scratchStack) {
        java.util.Set<String> devs = new java.util.TreeSet<>();
        for (rig.check.api.HangEvidence.Outstanding o : evidence.outstanding()) {
            if (o.devices().isEmpty() || o.devices().stream().anyMatch(scratchStack::contains)) {
                return Optional.empty();
            }
            devs.addAll(o.devices());
        }
        return devs.isEmpty() ? Optional.empty() : Optional.of(devs);
    }

    private static boolean unstick(TestDevices devices, List<String> notes) {
        Optional<String> done = devices.unstick();
        done.ifPresent(notes::add);
        return done.isPresent();
    }

    /** Waits until no filesystem holds {@code dev} (an exclusive open succeeds), up to {@link #RELEASE_WAIT}. */
    private static boolean awaitFree(String dev) {
        long deadline = System.nanoTime() + RELEASE_WAIT.toNanos();
        while (true) {
            int fd = LibC.INSTANCE.open(dev, LibC.O_RDONLY | LibC.O_EXCL, 0);
            if (fd >= 0) {
                LibC.INSTANCE.close(fd);
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
