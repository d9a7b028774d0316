package rig.tests.generic;

import java.nio.file.Files;
import java.nio.file.Path;
import rig.check.api.Fstest;
import rig.fstest.FstestBase;
import rig.fstest.io.MmapRwFault;

/**
 * Trigger page faults in the same file during read and write: generic/647 with an additional
 * round that writes a memory-mapped page onto itself using direct I/O. The kernel invalidates
 * the page cache before carrying out the write, so a filesystem that faults the page in and then
 * writes with page faults disabled never makes progress.
 */
@Fstest(id = "generic/729", groups = {"auto", "quick", "mmap"}, timeoutSeconds = 120, directWrites = true)
public class Generic729 extends FstestBase {

    @Override
    protected void test() throws Exception {
        requireTest();
        Path file = testDir().resolve("mmap-rw-fault.tmp");
        onCleanup(() -> Files.deleteIfExists(file));

        requireOdirect();

        echo("Silence is golden");

        new MmapRwFault(file, out()).run(true);
    }
}
