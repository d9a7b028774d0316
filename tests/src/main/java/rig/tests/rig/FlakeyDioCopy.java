package rig.tests.rig;

import java.nio.file.Path;
import rig.fstest.FstestBase;
import rig.fstest.io.Io;
import rig.fstest.io.Pattern;
import rig.sys.LibC;
import rig.tests.generic.Generic708;

/**
 * generic/708's dio copy from a mapping, moved to the scratch device under dmflakey: what
 * rig/100 and rig/101 do before the copy they each run with writes dropped.
 */
abstract class FlakeyDioCopy extends FstestBase {

    /** Needs scratch, flakey and O_DIRECT; makes and mounts the scratch filesystem through flakey
     *  and writes generic/708's source file (synced); returns it. The copy goes to {@link #dst()}. */
    final Path writeSourceOnFlakeyScratch() throws Exception {
        requireScratch();
        requireDmTarget("flakey");
        requireOdirect();

        scratch().mkfs();
        flakey().init();
        flakey().mount();
        Path src = scratchMnt().resolve("dio-buf-fault.src");
        Io.pwrite(src, LibC.O_CREAT | LibC.O_TRUNC, Pattern.XFS_IO_DEFAULT, 0, Generic708.SIZE, Generic708.XFS_IO_BUFSIZE);
        sync();
        return src;
    }

    final Path dst() {
        return scratchMnt().resolve("dio-buf-fault.dst");
    }
}
