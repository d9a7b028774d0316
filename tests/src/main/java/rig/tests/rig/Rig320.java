package rig.tests.rig;

import java.nio.file.Path;
import rig.check.api.Fstest;
import rig.fstest.FstestBase;
import rig.fstest.fs.BtrfsChunks;
import rig.fstest.io.DioBufFault;
import rig.fstest.io.Io;
import rig.fstest.io.Pattern;
import rig.sys.Fiemap;
import rig.sys.LibC;

/**
 * A partial direct write and a write error together (the regression the v2 partial-dio fix
 * brought: generic/276 and 250 hung in btrfs_start_ordered_extent): generic/708's copy from a
 * mapping, at 8 MiB, on a btrfs whose data chunk fails writes from 1 MiB past the source onwards,
 * so the copy's first bios land and the later ones fail. The write must fail (EIO) or come back
 * short; sync and the unmount must return with no ordered extent outstanding (else the ledger and
 * the blocked-task sampler name the hang); after a remount, what the write acknowledged reads back.
 */
@Fstest(id = "rig/320", groups = {"auto", "quick", "mmap", "dio", "eio"}, timeoutSeconds = 120, directWrites = true,
        expectedKernelLog = {"direct IO failed", "errs: wr", "I/O error", "error writing", "write error"})
public class Rig320 extends FstestBase {
    static final long SIZE = 8L << 20;
    static final long CLEAR = 1L << 20;

    @Override
    protected void test() throws Exception {
        requireFstyp("btrfs");
        requireScratch();
        requireDmTarget("error");
        requireOdirect();

        echo("Format and mount");
        scratch().mkfs();
        dmerror().init();
        dmerror().mount();

        echo("Write the source");
        Path src = scratchMnt().resolve("dio-buf-fault.src");
        Path dst = scratchMnt().resolve("dio-buf-fault.dst");
        Io.pwrite(src, LibC.O_CREAT, Pattern.XFS_IO_DEFAULT, 0, SIZE, rig.tests.generic.Generic708.XFS_IO_BUFSIZE);
        Path spacer = makeRoomInANewDataChunk();

        echo("Fail writes on the data chunk past the source");
        markDataChunkBadAfter(spacer);
        injectError();

        echo("Copy the source from its mapping with a direct write");
        var copy = DioBufFault.run(src, dst, full(), expectations().recorder(dst, Pattern.XFS_IO_DEFAULT));
        full().println("dio-buf-fault: " + copy.writes().xfsIoLine() + ", exit status " + copy.exitStatus()
                + (copy.writes().failed() ? " (" + copy.writes().errorLine() + ")" : ""));
        if (copy.writes().complete()) {
            echo("the copy succeeded: the error range missed it (see " + seqres() + ".full)");
        }

        echo("Sync, remount and read back what was acknowledged");
        dmerror().loadWorkingTable();
        sync();
        dmerror().unmount();
        dmerror().mount();
        verifyWrites();

        dmerror().unmount();
        dmerror().cleanup();
    }

    /** dmerror's error table with the bad range; rig/321 loads a lie instead. */
    protected void injectError() throws Exception {
        dmerror().loadErrorTable();
    }

    /**
     * The 8 MiB source fills mkfs' first data chunk: a 16 MiB file then makes btrfs allocate the next
     * one, and cut to its first 1 MiB it leaves that chunk with room for the copy (kept allocated,
     * so the cleaner does not remove it as unused). Returns the spacer.
     */
    private Path makeRoomInANewDataChunk() throws Exception {
        Path spacer = scratchMnt().resolve("spacer");
        Io.pwrite(spacer, LibC.O_CREAT, Pattern.of(0x11), 0, 16L << 20, 1 << 20);
        scratchSync();
        try (var f = rig.fstest.io.OpenFile.open(spacer, LibC.O_WRONLY)) {
            f.ftruncate(CLEAR);
        }
        scratchSync();
        return spacer;
    }

    /** Marks bad the device range of the data chunk holding {@code file}, from 1 MiB past its last byte to the chunk's end. */
    private void markDataChunkBadAfter(Path src) throws Exception {
        long end = Fiemap.of(src).stream().mapToLong(e -> e.physical() + e.length()).max().orElseThrow();
        BtrfsChunks.Chunk chunk = BtrfsChunks.of(dmerror().device()).at(end - 1).orElseThrow(() ->
                new IllegalStateException("no chunk holds logical address " + (end - 1) + " of " + src));
        long from = chunk.physicalOf(end + CLEAR);
        long to = chunk.physical() + chunk.length();
        full().println(src.getFileName() + " ends at logical " + end + " in chunk " + chunk + "; bad: device [" + from + ", " + to + ")");
        if (from >= to) {
            notRun("the source's data chunk has no room past it for the copy");
        }
        dmerror().markRangeBad(from / 512, (to - from) / 512);
    }
}
