package rig.tests.generic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import rig.check.api.Fstest;
import rig.fstest.FstestBase;
import rig.fstest.io.Io;
import rig.fstest.io.Pattern;
import rig.fstest.io.WriteSummary;
import rig.sys.LibC;

/**
 * Create an unwritten (preallocated) extent, make the device fail every write, try a direct
 * write over the extent, and make sure the old disk contents cannot be read back: after the
 * failed write and a remount the file reads as zeros but for the one byte written before.
 */
@Fstest(id = "generic/250", groups = {"auto", "quick", "prealloc", "rw", "eio"}, timeoutSeconds = 300,
        expectedKernelLog = {"direct IO failed", "errs: wr", "I/O error", "error writing", "write error"})
public class Generic250 extends FstestBase {
    static final long MIB = 1024 * 1024;
    static final long SCRATCH_SIZE = 196 * MIB;
    static final int BLKSZ = 65536;
    static final int NR_BLKS = 640;
    static final int BUFNR = 128;

    @Override
    protected void test() throws Exception {
        requireScratch();
        requireDmTarget("error");
        requireFalloc();
        requireOdirect();

        echo("Format and mount");
        WriteSummary fill = Io.pwrite(Path.of(scratch().device()), LibC.O_DIRECT, Pattern.of(0x69), 0,
                SCRATCH_SIZE, (int) MIB);
        full().println("fill SCRATCH_DEV: " + fill.xfsIoLine());
        scratch().mkfsSized(SCRATCH_SIZE);
        dmerror().init();
        dmerror().mount();

        Path testdir = Files.createDirectories(scratchMnt().resolve("test-" + seq()));
        long filesize = (long) BLKSZ * NR_BLKS;
        int bufsize = BLKSZ * BUFNR;
        Path file = testdir.resolve("file2");

        echo("Create the original file");
        expectations().staleDevice(Pattern.of(0x69));
        Io.falloc(file, 0, filesize);
        Io.pwrite(file, LibC.O_CREAT, Pattern.of(0x63), bufsize, 1, 1, expectations().recorder(file, Pattern.of(0x63)));
        sync();

        echo("Inject error");
        injectError();

        echo("Try to write");
        logToFull(Io.pwrite(file, LibC.O_DIRECT, Pattern.of(0x63), 0, filesize, bufsize,
                expectations().recorder(file, Pattern.of(0x63))));

        echoTee("Remount to check recovery");
        dmerror().loadWorkingTable();
        dmerror().unmount();
        dmerror().mount();

        echo("Check file");
        md5sum(file);
        verifyWrites();

        dmerror().unmount();
        dmerror().cleanup(); // with dm, the dm device holds SCRATCH_DEV open: fsck would get EBUSY
        checkScratch();
    }

    /** _dmerror_load_error_table; rig/102 overrides it with a device that lies, to prove this test can fail. */
    protected void injectError() throws IOException {
        dmerror().loadErrorTable();
    }
}
