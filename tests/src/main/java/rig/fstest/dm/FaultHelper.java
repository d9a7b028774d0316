package rig.fstest.dm;

import java.io.IOException;
import java.io.PrintStream;
import rig.fstest.fs.Filesystem;

/**
 * What fstests' dmerror and dmflakey helpers share over the rig's faulty device: the session
 * that opens it, the device to mount, mount and unmount of the scratch filesystem on it, and the
 * cleanup. {@link DmError} and {@link DmFlakey} add their tables.
 */
abstract class FaultHelper {
    final FaultSession session;
    final PrintStream full;

    /** {@code helper} names the fstests helper in errors ("dmerror", "flakey"). */
    FaultHelper(Filesystem scratch, FaultDevices.Opener opener, PrintStream full, String helper) {
        this.session = new FaultSession(scratch, opener, helper);
        this.full = full;
    }

    /** $DMERROR_DEV, $FLAKEY_DEV: the device to mount (SCRATCH_DEV itself with the Java device). */
    public String device() {
        return session.devicePath();
    }

    /** _dmerror_mount, _mount_flakey. */
    public void mount() throws IOException {
        session.filesystem().mount();
    }

    /** The same with extra options after MOUNT_OPTIONS ("-o ro", "-o nodatasum"). */
    public void mount(String options) throws IOException {
        session.filesystem().mount(options);
    }

    /** _dmerror_unmount, _unmount_flakey. */
    public void unmount() throws IOException {
        session.filesystem().unmount();
    }

    /**
     * _dmerror_cleanup, _cleanup_flakey: unmount if mounted, the working table back (writes
     * allowed), the dm device (if any) removed. Safe to repeat.
     */
    public void cleanup() throws IOException {
        session.cleanup();
    }
}
