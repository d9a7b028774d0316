package rig.tests.generic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import rig.check.api.Fstest;
import rig.fstest.FstestBase;
import rig.fstest.io.Io;
import rig.fstest.io.Pattern;
import rig.fstest.io.Reflink;
import rig.sys.LibC;

/**
 * Test DIO CoW behavior when the write temporarily fails and we unmount. The rig's gap verifier
 * also reads the clone back once the working table is in force, before the test deletes it:
 * whatever part of the failed overwrite was acknowledged must be on the disk.
 */
@Fstest(id = "generic/276", groups = {"auto", "quick", "clone", "eio"}, timeoutSeconds = 300,
        directWrites = true,
        expectedKernelLog = {"direct IO failed", "errs: wr", "I/O error", "error writing", "write error"})
public class Generic276 extends FstestBase {
    static final int BLKSZ = 65536;
    static final int NR = 640;
    static final int BUFNR = 128;

    @Override
    protected void test() throws Exception {
        requireScratchReflink();
        requireCpReflink();
        requireDmTarget("error");
        requireOdirect();

        echo("Format and mount");
        scratch().mkfs();
        dmerror().init();
        dmerror().mount();

        Path testdir = Files.createDirectories(scratchMnt().resolve("test-" + seq()));
        long filesize = (long) BLKSZ * NR;
        int bufsize = BLKSZ * BUFNR;

        requireFsSpace(scratchMnt(), filesize / 1024 * 3 * 5 / 4);

        echo("Create the original files");
        Path file1 = testdir.resolve("file1");
        Path file2 = testdir.resolve("file2");
        full().println(Io.pwrite(file1, LibC.O_CREAT, Pattern.of(0x61), 0, filesize, bufsize,
                expectations().recorder(file1, Pattern.of(0x61))).xfsIoLine());
        Reflink.copy(file1, file2);
        dmerror().unmount();
        dmerror().mount();

        echo("Compare files");
        md5sum(file1);
        md5sum(file2);

        echo("CoW and unmount");
        scratchSync();
        injectError();
        logToFull(Io.pwrite(file2, LibC.O_DIRECT | LibC.O_CREAT, Pattern.of(0x63), 0, filesize, bufsize,
                expectations().recorder(file2, Pattern.of(0x63))));
        dmerror().loadWorkingTable();
        verifyWrites();
        Files.deleteIfExists(file2);
        dmerror().unmount();
        dmerror().mount();

        echo("Compare files");
        md5sum(file1);

        echo("Check for damage");
        dmerror().unmount();
        dmerror().cleanup();
        repairScratchFs();
    }

    /** _dmerror_load_error_table; rig/103 overrides it with a device that lies, to prove this test can fail. */
    protected void injectError() throws IOException {
        dmerror().loadErrorTable();
    }
}
