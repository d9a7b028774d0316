package rig.tests.rig;

import java.nio.file.Path;
import rig.devices.fs.FsCommands;
import rig.fstest.FstestBase;
import rig.fstest.io.Io;
import rig.fstest.io.Pattern;
import rig.fstest.io.WriteListener;
import rig.sys.LibC;

/**
 * The gap verifier's positive controls on the faulty device: a 4 MiB direct write to a new file
 * whose middle [1 MiB, 3 MiB) the device acknowledges and drops (flakey drop writes for that
 * call only), then a remount. What the dropped range reads back as is what the device held
 * before: zeros (rig/205, a zero-filled gap) or an old pattern (rig/206, stale data); the
 * verifier must name exactly that range. btrfs mounts with nodatasum, or its data checksums
 * would turn the dropped range into read errors instead.
 */
abstract class DroppedDirectWrite extends FstestBase {

    static final long MIB = 1024 * 1024;
    static final long SCRATCH_SIZE = 256 * MIB;
    static final Pattern DATA = Pattern.of(0x63);

    /** What SCRATCH_DEV holds before mkfs: where the filesystem will allocate the new file. */
    abstract Pattern deviceBefore();

    @Override
    protected void test() throws Exception {
        requireScratch();
        requireDmTarget("flakey");
        requireOdirect();

        echo("Fill the device with 0x" + Integer.toHexString(deviceBefore().value() & 0xff) + ", format, mount");
        full().println("fill SCRATCH_DEV: " + Io.pwrite(Path.of(scratch().device()), LibC.O_DIRECT, deviceBefore(), 0,
                SCRATCH_SIZE, (int) MIB).xfsIoLine());
        scratch().mkfsSized(SCRATCH_SIZE, FsCommands.noDiscard(fstyp())); // a discard would zero the old blocks
        flakey().init();
        flakey().mount(mountOptions());
        if (deviceBefore().value() != 0) {
            expectations().staleDevice(deviceBefore()); // zeros are a gap, not old content
        }

        echo("Direct write of 4 MiB to a new file; the device drops [1 MiB, 3 MiB) of it");
        Path file = scratchMnt().resolve("file");
        WriteListener recorder = expectations().recorder(file, DATA);
        logToFull(Io.pwrite(file, LibC.O_CREAT | LibC.O_DIRECT, DATA, 0, MIB, (int) MIB, recorder));
        flakey().dropWrites();
        logToFull(Io.pwrite(file, LibC.O_DIRECT, DATA, MIB, 2 * MIB, (int) MIB, recorder));
        flakey().allowWrites();
        logToFull(Io.pwrite(file, LibC.O_DIRECT, DATA, 3 * MIB, MIB, (int) MIB, recorder));

        echo("Remount and verify");
        flakey().unmount();
        flakey().mount(mountOptions());
        // where the range lies on the device differs by filesystem; the range in the file does not
        expectations().verify().lines().forEach(l -> echo(l.replaceAll("mapped extent at \\d+", "mapped extent at PHYS")));
        flakey().unmount();
        flakey().cleanup();
    }

    private String mountOptions() {
        return fstyp().equals("btrfs") ? "-o nodatasum" : "";
    }
}
