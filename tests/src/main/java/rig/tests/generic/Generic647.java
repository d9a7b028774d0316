package rig.tests.generic;

import java.nio.file.Files;
import java.nio.file.Path;
import rig.check.api.Fstest;
import rig.fstest.FstestBase;
import rig.fstest.io.MmapRwFault;

/** Trigger page faults in the same file during read and write. */
@Fstest(id = "generic/647", groups = {"auto", "quick", "mmap"}, timeoutSeconds = 120, directWrites = true)
public class Generic647 extends FstestBase {

    @Override
    protected void test() throws Exception {
        requireTest();
        Path file = testDir().resolve("mmap-rw-fault.tmp");
        onCleanup(() -> Files.deleteIfExists(file));

        requireOdirect();

        echo("Silence is golden");

        new MmapRwFault(file, out()).run(false);
    }
}
