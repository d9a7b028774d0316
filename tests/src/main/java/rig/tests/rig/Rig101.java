package rig.tests.rig;

import java.nio.file.Path;
import rig.check.api.Fstest;
import rig.fstest.io.Diff;
import rig.fstest.io.DioBufFault;
import rig.fstest.io.Pattern;

/**
 * A deliberately broken generic/708: its golden output is 708's, but the scratch device drops
 * every write during the copy. It must FAIL, with .out.bad showing diff's verdict on src and dst
 * and the gap checker naming the lost range.
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
        var copy = DioBufFault.run(src, dst, out(), expectations().recorder(dst, Pattern.XFS_IO_DEFAULT));
        flakey().allowWrites();
        if (copy.exitStatus() != 0) {
            throw fail("failed doing the dio copy");
        }
        dropCaches();
        out().print(Diff.files(src, dst));
        verifyWrites();
    }
}
