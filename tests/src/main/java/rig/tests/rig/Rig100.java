package rig.tests.rig;

import java.nio.file.Path;
import rig.check.api.Fstest;
import rig.fstest.io.Diff;
import rig.fstest.io.DioBufFault;
import rig.fstest.io.Pattern;

/**
 * Positive control for generic/708: the same copy from a mapping, on the scratch device, with
 * the device dropping every write while the copy runs. The copy's data never reaches the disk,
 * so generic/708's comparison must find the difference; this control passes only if it does.
 * (Details of the difference, which depend on the filesystem, go to the .full log.)
 */
@Fstest(id = "rig/100", groups = {"selftest"}, timeoutSeconds = 120,
        expectedKernelLog = {"csum failed", "checksum error", "I/O error"})
public class Rig100 extends FlakeyDioCopy {

    @Override
    protected void test() throws Exception {
        Path src = writeSourceOnFlakeyScratch();
        Path dst = dst();

        echo("copy from the mapping while the device drops writes");
        flakey().dropWrites();
        var copy = DioBufFault.run(src, dst, full(), expectations().recorder(dst, Pattern.XFS_IO_DEFAULT));
        full().println("dio-buf-fault: " + copy.writes().xfsIoLine() + ", exit status " + copy.exitStatus());
        flakey().allowWrites();
        dropCaches();
        String diff = Diff.files(src, dst);
        full().print(diff);
        boolean identical = diff.isEmpty();
        try {
            full().print(expectations().verify().text());
        } catch (java.io.IOException e) {
            full().println("gap verifier: " + e.getMessage());
        }
        echo(identical ? "dst is identical to src: the dropped writes went unnoticed"
                : "generic/708's comparison found the lost data");
    }
}
