package rig.tests.generic;

import java.nio.file.Files;
import java.nio.file.Path;
import rig.check.api.Fstest;
import rig.fstest.FstestBase;
import rig.fstest.io.DioBufFault;
import rig.fstest.io.Diff;
import rig.fstest.io.Io;
import rig.fstest.io.Pattern;
import rig.sys.LibC;

/**
 * Test iomap direct_io partial writes: create a reasonably large file, then run a program which
 * mmaps it, touches the first page, then dio writes it to a second file. This can result in a
 * page fault reading from the mmapped dio write buffer and thus the iomap direct_io partial
 * write code path. The rig's gap verifier also reads the copy back from the device.
 */
@Fstest(id = "generic/708", groups = {"quick", "auto", "mmap"}, timeoutSeconds = 120, directWrites = true)
public class Generic708 extends FstestBase {
    public static final long SIZE = 2 * 1024 * 1024;
    /** xfs_io pwrite's default buffer: the filesystem block size. */
    public static final int XFS_IO_BUFSIZE = 4096;

    @Override
    protected void test() throws Exception {
        if (fstyp().equals("btrfs")) {
            fixedByKernelCommit("b73a6fd1b1ef", "btrfs: split partial dio bios before submit");
        }

        requireTest();
        requireOdirect();
        Path src = testDir().resolve("dio-buf-fault-" + seq() + ".src");
        Path dst = testDir().resolve("dio-buf-fault-" + seq() + ".dst");

        Files.deleteIfExists(src);
        Files.deleteIfExists(dst);

        echo("Silence is golden");

        Io.pwrite(src, LibC.O_CREAT, Pattern.XFS_IO_DEFAULT, 0, SIZE, XFS_IO_BUFSIZE);
        var copy = DioBufFault.run(src, dst, out(), expectations().recorder(dst, Pattern.XFS_IO_DEFAULT));
        full().println("dio-buf-fault: " + copy.writes().xfsIoLine() + ", exit status " + copy.exitStatus());
        if (copy.exitStatus() != 0) {
            throw fail("failed doing the dio copy");
        }
        out().print(Diff.files(src, dst));
        verifyWrites();
    }
}
