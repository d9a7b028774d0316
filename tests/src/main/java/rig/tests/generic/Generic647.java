package rig.tests.generic;

import java.nio.file.Path;
import rig.check.api.Fstest;
import rig.fstest.FstestBase;

/**
 * Page faults in the same file during reads and writes: buffered and direct reads of page 1
 * into a private mapping of page 0 of the same file, buffered and direct writes from mapped
 * page 1 to offset 0, and a direct read of a hole into the mapping, which must come back
 * zero-filled. Each round fsyncs and checks the data.
 */
@Fstest(id = "generic/647", groups = {"auto", "quick", "mmap"}, timeoutSeconds = 120)
public class Generic647 extends FstestBase {

    @Override
    protected void test() throws Exception {
        requireTest();
        requireOdirect();

        Path file = testDir().resolve("mmap-rw-fault.tmp");
        MmapRwFault rounds = new MmapRwFault(this, file);
        onCleanup(rounds::remove);

        echo("Silence is golden");
        rounds.commonRounds();
    }
}
