package rig.tests.generic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import rig.check.api.Fstest;
import rig.fstest.FstestBase;
import rig.fstest.io.Io;
import rig.fstest.io.Pattern;
import rig.sys.LibC;

/**
 * Create an unwritten extent, set up dm-error, try a DIO write, then make sure we can't read
 * back old disk contents. The device is filled with 0x69 first, so old contents read back as
 * anything but zeros; the rig's gap verifier also checks, after the last remount, the one byte
 * the test wrote buffered and synced.
 */
@Fstest(id = "generic/250", groups = {"auto", "quick", "prealloc", "rw", "eio"}, timeoutSeconds = 300,
        directWrites = true,
        expectedKernelLog = {"direct IO failed", "errs: wr", "I/O error", "error writing", "write error"})
public class Generic250 extends FstestBase {
    static final long FSSIZE = 196L * 1048576;
    static final int BLKSZ = 65536;
    static final int NR = 640;
    static final int BUFNR = 128;

    @Override
    protected void test() throws Exception {
        requireScratch();
        requireDmTarget("error");
        requireFalloc();
        requireOdirect();

        echo("Format and mount");
        full().println(Io.pwrite(Path.of(scratch().device()), LibC.O_DIRECT, Pattern.of(0x69), 0, FSSIZE, 1048576)
                .xfsIoLine());
        expectations().staleDevice(Pattern.of(0x69));
        scratch().mkfsSized(FSSIZE);
        dmerror().init();
        dmerror().mount();
        dmerror().unmount();
        dmerror().mount();

        Path testdir = Files.createDirectories(scratchMnt().resolve("test-" + seq()));
        long filesize = (long) BLKSZ * NR;
        int bufsize = BLKSZ * BUFNR;

        requireFsSpace(scratchMnt(), filesize / 1024 * 5 / 4);

        echo("Create the original files");
        Path file2 = testdir.resolve("file2");
        Io.falloc(file2, 0, filesize);
        dmerror().unmount();
        dmerror().mount();

        echo("Compare files");
        md5sum(file2);

        echo("Write and unmount");
        full().println(Io.pwrite(file2, LibC.O_CREAT, Pattern.of(0x63), bufsize, 1, 4096,
                expectations().recorder(file2, Pattern.of(0x63))).xfsIoLine());
        scratchSync();
        injectError();
        logToFull(Io.pwrite(file2, LibC.O_DIRECT | LibC.O_CREAT, Pattern.of(0x63), 0, filesize, bufsize,
                expectations().recorder(file2, Pattern.of(0x63))));
        dmerror().loadWorkingTable();
        dmerror().unmount();
        dmerror().mount();

        echo("Compare files");
        md5sum(file2);
        verifyWrites();

        echo("Check for damage");
        dmerror().unmount();
        dmerror().cleanup();
        repairScratchFs();
    }

    /** _dmerror_load_error_table; rig/102 overrides it with a device that lies, to prove this test can fail. */
    protected void injectError() throws IOException {
        dmerror().loadErrorTable();
    }
}
