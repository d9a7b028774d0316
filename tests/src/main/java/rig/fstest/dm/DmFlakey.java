package rig.fstest.dm;

import java.io.IOException;
import java.io.PrintStream;
import rig.fstest.fs.Filesystem;

/**
 * fstests' dmflakey words (common/dmflakey) over the rig's faulty device: init, mount,
 * unmount, drop writes (acknowledged but lost), error writes, allow writes, drop and remount,
 * cleanup. Reads pass throughout.
 */
public final class DmFlakey extends FaultHelper {

    public DmFlakey(Filesystem scratch, FaultDevices.Opener opener, PrintStream full) {
        super(scratch, opener, full, "flakey");
    }

    /** _init_flakey: takes control of the faulty device; writes are allowed. */
    public void init() throws IOException {
        session.open().allowWrites();
    }

    /** _load_flakey_table $FLAKEY_DROP_WRITES: writes are acknowledged and thrown away. */
    public void dropWrites() throws IOException {
        full.println("flakey: drop writes");
        session.device().dropWrites();
    }

    /** _load_flakey_table $FLAKEY_ERROR_WRITES: writes fail with EIO. */
    public void errorWrites() throws IOException {
        full.println("flakey: error writes");
        session.device().errorWrites();
    }

    /** _load_flakey_table $FLAKEY_ALLOW_WRITES. */
    public void allowWrites() throws IOException {
        full.println("flakey: allow writes");
        session.device().allowWrites();
    }

    /** _flakey_drop_and_remount: drop writes, unmount (losing what was not on disk), allow writes, mount. */
    public void dropAndRemount() throws IOException {
        dropWrites();
        unmount();
        allowWrites();
        mount();
    }
}
