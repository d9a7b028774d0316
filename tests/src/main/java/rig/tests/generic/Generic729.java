package rig.tests.generic;

import java.nio.file.Path;
import rig.check.api.Fstest;
import rig.fstest.FstestBase;

/**
 * generic/647's page faults in the same file during reads and writes, plus a direct write of a
 * mapped page onto itself: a filesystem that faults the page in and then writes with page faults
 * disabled invalidates its own source page and never makes progress. The test bounds its own
 * retries; a kernel that never returns from the write is timed out by the runner.
 */
@Fstest(id = "generic/729", groups = {"auto", "quick", "mmap"}, timeoutSeconds = 120)
public class Generic729 extends FstestBase {

    @Override
    protected void test() throws Exception {
        requireTest();
        requireOdirect();

        Path file = testDir().resolve("mmap-rw-fault.tmp");
        MmapRwFault rounds = new MmapRwFault(this, file);
        onCleanup(rounds::remove);

        echo("Silence is golden");
        rounds.commonRounds();
        rounds.directWriteOntoItself();
    }
}
