package rig.tests.generic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import rig.check.api.Fstest;
import rig.fstest.FstestBase;
import rig.fstest.io.FileCompare;
import rig.fstest.io.Io;
import rig.fstest.io.Pattern;
import rig.fstest.io.WriteSummary;
import rig.sys.LibC;

/**
 * Test iomap direct I/O partial writes: create a 2 MiB file, map it, touch its first page, then
 * direct-write the mapping to a second file. The write faults on the mapped buffer part way,
 * which takes the partial direct write path; the copy must still be identical. On btrfs
 * without "btrfs: fix corruption caused by partial dio writes" the copy has a zero-filled hole.
 */
@Fstest(id = "generic/708", groups = {"quick", "auto", "mmap"}, timeoutSeconds = 120)
public class Generic708 extends FstestBase {
    static final long SIZE = 2 * 1024 * 1024;

    @Override
    protected void test() throws Exception {
        requireTest();
        requireOdirect();

        Path src = testDir().resolve("dio-buf-fault-" + ProcessHandle.current().pid() + ".src");
        Path dst = testDir().resolve("dio-buf-fault-" + ProcessHandle.current().pid() + ".dst");
        onCleanup(() -> {
            Files.deleteIfExists(src);
            Files.deleteIfExists(dst);
        });

        echo("Silence is golden");

        Io.pwrite(src, LibC.O_CREAT | LibC.O_TRUNC, Pattern.XFS_IO_DEFAULT, 0, SIZE, 65536);
        copyAndCompare(this, src, dst);
    }

    /** The dio copy from the mapping and the diff; shared with the rig's broken-device controls. */
    static boolean copyAndCompare(FstestBase t, Path src, Path dst) throws Exception {
        WriteSummary copy = DioBufFault.copy(src, dst, SIZE);
        t.full().println("dio copy: " + copy.xfsIoLine());
        if (!copy.complete()) {
            t.echo("failed doing the dio copy: " + copy.errorLine());
        }
        try {
            FileCompare.Result diff = FileCompare.compare(src, dst);
            if (!diff.identical()) {
                t.echo("src and dst differ: " + diff.summary());
            }
            return diff.identical();
        } catch (IOException e) {
            t.echo("src and dst differ: cannot read them back: " + e.getMessage());
            return false;
        }
    }
}
