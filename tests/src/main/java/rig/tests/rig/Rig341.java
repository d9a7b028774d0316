package rig.tests.rig;

import java.nio.file.Path;
import java.util.List;
import rig.check.api.Fstest;
import rig.devices.loop.LoopDevice;
import rig.fstest.io.AlignedBuffer;
import rig.fstest.io.OpenFile;
import rig.fstest.io.Pattern;
import rig.sys.LibC;

/**
 * rig/340 made to fail: before the comparison, the second mirror's copy of the file's first block
 * is overwritten on its device, behind the filesystem's back. The comparison must name that block.
 * Group broken: BrokenVariantIT asserts it.
 */
@Fstest(id = "rig/341", groups = {"broken", "raid", "mirror"}, timeoutSeconds = 180, directWrites = true)
public class Rig341 extends Rig340 {

    @Override
    protected void tamper(Path file, List<LoopDevice> pool) throws Exception {
        long at = firstBlockOn(file, pool.get(0), 2);
        try (OpenFile dev = OpenFile.open(pool.get(1).path(), LibC.O_WRONLY | LibC.O_DIRECT)) {
            full().println("tamper: " + dev.pwrite(AlignedBuffer.filled(BLOCK, Pattern.of(0xee)).bytes(), at)
                    + " at devid 2 physical " + at);
        }
    }
}
