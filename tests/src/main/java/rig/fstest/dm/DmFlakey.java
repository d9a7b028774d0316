package rig.fstest.dm;

import java.io.IOException;
import java.io.PrintStream;
import rig.fstest.fs.Filesystem;

/**
 * fstests' dmflakey words (common/dmflakey) on the scratch device: init, mount, unmount, drop
 * writes (acknowledged but lost), error writes, allow writes, drop and remount, cleanup.
 */
public final class DmFlakey {
    private final Filesystem scratch;
    private final FaultDevices.Opener opener;
    private final PrintStream full;
    private FaultInjector device;

    public DmFlakey(Filesystem scratch, FaultDevices.Opener opener, PrintStream full) {
        this.scratch = scratch;
        this.opener = opener;
        this.full = full;
    }

    /** _init_flakey: takes control of the scratch device's faults, writes allowed. */
    public void init() throws IOException {
        if (device == null) {
            device = opener.open();
            full.println("flakey: faults served by " + device.describe());
        }
        device.passAll();
    }

    /** _mount_flakey. */
    public void mount() throws IOException {
        scratch.mount();
    }

    /** _unmount_flakey. */
    public void unmount() throws IOException {
        scratch.unmount();
    }

    /** _load_flakey_table $FLAKEY_DROP_WRITES: writes are acknowledged and lost; reads pass. */
    public void dropWrites() throws IOException {
        full.println("flakey: drop writes");
        device().dropWrites();
    }

    /** _load_flakey_table $FLAKEY_ERROR_WRITES: writes fail with EIO; reads pass. */
    public void errorWrites() throws IOException {
        full.println("flakey: error writes");
        device().errorWrites();
    }

    /** _load_flakey_table $FLAKEY_ALLOW_WRITES. */
    public void allowWrites() throws IOException {
        full.println("flakey: allow writes");
        device().passAll();
    }

    /** _flakey_drop_and_remount: drop writes, unmount (losing what was not yet on disk), allow writes, mount. */
    public void dropAndRemount() throws IOException {
        dropWrites();
        unmount();
        allowWrites();
        mount();
    }

    /** _cleanup_flakey: unmount if mounted, writes allowed, control released. Safe to repeat. */
    public void cleanup() throws IOException {
        scratch.unmountQuietly();
        if (device != null) {
            try {
                device.passAll();
            } finally {
                device.close();
                device = null;
            }
        }
    }

    private FaultInjector device() {
        if (device == null) {
            throw new IllegalStateException("flakey used before flakey.init()");
        }
        return device;
    }
}
