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
 * Reflink a file, make the device fail every write, and try a direct copy-on-write overwrite
 * of the clone. After loading the working table, deleting the clone and remounting, the
 * original must be unchanged and the filesystem clean. (The partial-dio fix of seed 000 first
 * made this test hang on btrfs: an ordered extent that never finished.)
 */
@Fstest(id = "generic/276", groups = {"auto", "quick", "clone", "eio"}, timeoutSeconds = 300,
        expectedKernelLog = {"direct IO failed", "errs: wr", "I/O error", "error writing", "write error"})
public class Generic276 extends FstestBase {
    static final int BLKSZ = 65536;
    static final int NR_BLKS = 640;
    static final int BUFNR = 128;

    @Override
    protected void test() throws Exception {
        requireScratch();
        requireReflink();
        requireDmTarget("error");
        requireOdirect();

        echo("Format and mount");
        scratch().mkfs();
        dmerror().init();
        dmerror().mount();

        Path testdir = Files.createDirectories(scratchMnt().resolve("test-" + seq()));
        long filesize = (long) BLKSZ * NR_BLKS;
        int bufsize = BLKSZ * BUFNR;
        Path file1 = testdir.resolve("file1");
        Path file2 = testdir.resolve("file2");

        echo("Create the original files");
        Io.pwrite(file1, LibC.O_CREAT, Pattern.of(0x61), 0, filesize, BLKSZ, expectations().recorder(file1, Pattern.of(0x61)));
        Reflink.copy(file1, file2);
        dmerror().unmount();
        dmerror().mount();

        echo("Compare files");
        md5sum(file1);
        md5sum(file2);

        echo("CoW and unmount");
        injectError();
        logToFull(Io.pwrite(file2, LibC.O_DIRECT | LibC.O_CREAT, Pattern.of(0x63), 0, filesize, bufsize));
        dmerror().loadWorkingTable();
        Files.delete(file2);
        dmerror().unmount();
        dmerror().mount();

        echo("Compare files");
        md5sum(file1);
        verifyWrites();

        echo("Check for damage");
        dmerror().unmount();
        dmerror().cleanup();
        checkScratch();
    }

    /** _dmerror_load_error_table; rig/103 overrides it with a device that lies, to prove this test can fail. */
    protected void injectError() throws IOException {
        dmerror().loadErrorTable();
    }
}
