package rig.tests.rig;

import java.nio.file.Path;
import rig.check.api.Fstest;
import rig.fstest.io.Pattern;
import rig.tests.generic.Generic708;

/**
 * A deliberately broken generic/708: its golden output is 708's, but the scratch device drops
 * every write during the copy. It must FAIL, with .out.bad showing where src and dst differ.
 * Not in any group ./check runs by default (group "broken"); BrokenVariantIT runs it and
 * asserts the failure.
 */
@Fstest(id = "rig/101", groups = {"broken"}, timeoutSeconds = 120,
        expectedKernelLog = {"csum failed", "checksum error", "I/O error"})
public class Rig101 extends FlakeyDioCopy {

    @Override
    protected void test() throws Exception {
        Path src = writeSourceOnFlakeyScratch();
        Path dst = dst();

        echo("Silence is golden");

        flakey().dropWrites();
        Generic708.copy(this::echo, full(), src, dst, expectations().recorder(dst, Pattern.XFS_IO_DEFAULT));
        flakey().allowWrites();
        dropCaches();
        Generic708.compare(this::echo, src, dst);
        verifyWrites();
    }
}
