package rig.tests.rig;

import java.io.IOException;
import java.nio.file.Path;
import rig.check.api.Fstest;
import rig.fstest.FstestBase;
import rig.fstest.io.Io;
import rig.fstest.io.Pattern;
import rig.sys.LibC;

/**
 * O_DSYNC durability through a power cut (the review of "iomap: fix O_DSYNC direct writes" asked
 * that such a write never be signalled complete before its data and metadata are stable): direct
 * O_DSYNC writes that extend a new file and then overwrite part of it within EOF, each one
 * acknowledged, then a direct write without O_DSYNC to another file (owed nothing: the cut shows
 * in NNN.full that the cache held it and lost it), then the device loses power and the
 * filesystem is mounted again. Every
 * acknowledged byte must read back; the gap checker names any range that does not. On the Java
 * device the disk has a volatile write cache, so the cut also loses what the filesystem wrote
 * but never flushed; with dm (which writes through) the cut is _flakey_drop_and_remount.
 */
@Fstest(id = "rig/300", groups = {"auto", "quick", "rw", "dsync", "powerfail"}, timeoutSeconds = 120, directWrites = true)
public class Rig300 extends FstestBase {
    static final int MIB = 1 << 20;
    static final int EXTEND = 8;
    static final int OVERWRITE_AT = 2;
    static final int OVERWRITE = 4;

    @Override
    protected void test() throws Exception {
        requireScratch();
        requireDmTarget("flakey");
        requireOdirect();

        echo("Format and mount on a disk with a write cache");
        scratch().mkfs();
        flakey().init();
        diskCache();
        flakey().mount();

        echo("Extend a file with O_DIRECT|O_DSYNC writes, then overwrite within EOF");
        Path file = scratchMnt().resolve("dsync");
        int flags = LibC.O_CREAT | LibC.O_DIRECT | LibC.O_DSYNC;
        logToFull(Io.pwrite(file, flags, Pattern.of(0x5a), 0, (long) EXTEND * MIB, MIB,
                expectations().recorder(file, Pattern.of(0x5a))));
        logToFull(Io.pwrite(file, flags, Pattern.of(0xa5), (long) OVERWRITE_AT * MIB, (long) OVERWRITE * MIB, MIB,
                expectations().recorder(file, Pattern.of(0xa5))));

        echo("A direct write without O_DSYNC, which the cut may lose");
        logToFull(Io.pwrite(scratchMnt().resolve("unsynced"), LibC.O_CREAT | LibC.O_DIRECT, Pattern.of(0x3c), 0,
                (long) EXTEND * MIB, MIB));

        echo("Power cut and remount");
        flakey().powerCutAndRemount();
        verifyWrites();

        flakey().unmount();
        flakey().cleanup();
    }

    /** The disk's write cache: volatile on the Java device; rig/301 also makes it ignore flushes. */
    protected void diskCache() throws IOException {
        flakey().volatileCache();
    }
}
