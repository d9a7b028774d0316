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

    /**
     * A disk with a volatile write cache (the Java device): acknowledged writes stay in the cache
     * until a flush, so that {@link #powerCutAndRemount()} loses what the filesystem did not flush.
     * False with dm, which writes through.
     */
    public boolean volatileCache() throws IOException {
        boolean on = session.device().volatileCache(true);
        full.println("flakey: volatile write cache " + (on ? "on" : "not available (" + session.device().backend()
                + " writes through)"));
        return on;
    }

    /**
     * A disk that lies about its cache: flushes (and FUA) are acknowledged and the volatile cache
     * stays unflushed, until the next table. Java device only (false with dm).
     */
    public boolean dropFlushes() throws IOException {
        var control = session.device().control();
        if (control.isEmpty() || !session.device().volatileCache(true)) {
            return false;
        }
        full.println("flakey: drop flushes (volatile cache)");
        control.get().loadTable("cache volatile\n0 - drop flush\n");
        return true;
    }

    /**
     * A power cut, then a remount: the device's volatile cache is lost (what was acknowledged since
     * the last flush), nothing more reaches the disk (the unmount's writes are dropped, as
     * _flakey_drop_and_remount drops them), and the filesystem is mounted again from what the
     * disk kept. With dm, _flakey_drop_and_remount alone.
     */
    public void powerCutAndRemount() throws IOException {
        var control = session.device().control();
        if (control.isPresent()) {
            long before = control.get().counters().get("sectors_lost_to_power_cuts");
            control.get().powerCut();
            long lost = control.get().counters().get("sectors_lost_to_power_cuts") - before;
            full.println("flakey: power cut: the volatile cache lost " + lost + " sectors written since the last flush");
        }
        dropAndRemount();
    }

    /** _flakey_drop_and_remount: drop writes, unmount (losing what was not on disk), allow writes, mount. */
    public void dropAndRemount() throws IOException {
        dropWrites();
        unmount();
        allowWrites();
        mount();
    }
}
