package rig.fstest.dm;

import java.io.IOException;
import java.io.PrintStream;
import rig.devices.FaultyDevice;
import rig.fstest.fs.Filesystem;

/**
 * fstests' dmflakey words (common/dmflakey) over the rig's faulty device: init, mount,
 * unmount, drop writes (acknowledged but lost), error writes, allow writes, drop and remount,
 * cleanup. Reads pass throughout.
 */
public final class DmFlakey {
    private final Filesystem scratch;
    private final FaultDevices.Opener opener;
    private final PrintStream full;
    private FaultDevices.Opened opened;
    private Filesystem fs;

    public DmFlakey(Filesystem scratch, FaultDevices.Opener opener, PrintStream full) {
        this.scratch = scratch;
        this.opener = opener;
        this.full = full;
    }

    /** _init_flakey: takes control of the faulty device; writes are allowed. */
    public void init() throws IOException {
        if (opened == null) {
            opened = opener.open();
            fs = scratch.on(opened.device().path().toString());
        }
        opened.device().allowWrites();
    }

    /** $FLAKEY_DEV. */
    public String device() {
        return device0().path().toString();
    }

    /** _mount_flakey. */
    public void mount() throws IOException {
        filesystem().mount();
    }

    /** _unmount_flakey. */
    public void unmount() throws IOException {
        filesystem().unmount();
    }

    /** _load_flakey_table $FLAKEY_DROP_WRITES: writes are acknowledged and thrown away. */
    public void dropWrites() throws IOException {
        full.println("flakey: drop writes");
        device0().dropWrites();
    }

    /** _load_flakey_table $FLAKEY_ERROR_WRITES: writes fail with EIO. */
    public void errorWrites() throws IOException {
        full.println("flakey: error writes");
        device0().errorWrites();
    }

    /** _load_flakey_table $FLAKEY_ALLOW_WRITES. */
    public void allowWrites() throws IOException {
        full.println("flakey: allow writes");
        device0().allowWrites();
    }

    /** _flakey_drop_and_remount: drop writes, unmount (losing what was not on disk), allow writes, mount. */
    public void dropAndRemount() throws IOException {
        dropWrites();
        unmount();
        allowWrites();
        mount();
    }

    /** _cleanup_flakey: unmount if mounted, writes allowed, the dm device (if any) removed. Safe to repeat. */
    public void cleanup() throws IOException {
        if (fs != null) {
            fs.unmountQuietly();
        }
        if (opened != null) {
            try {
                opened.close();
            } finally {
                opened = null;
            }
        }
    }

    private FaultyDevice device0() {
        if (opened == null) {
            throw new IllegalStateException("flakey used before flakey.init()");
        }
        return opened.device();
    }

    private Filesystem filesystem() {
        device0();
        return fs;
    }
}
