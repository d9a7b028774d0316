package rig.tests.generic;

import java.io.IOException;
import java.nio.file.Files;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.function.Consumer;
import rig.check.api.Fstest;
import rig.fstest.FstestBase;
import rig.fstest.io.DioBufFault;
import rig.fstest.io.FileCompare;
import rig.fstest.io.Io;
import rig.fstest.io.Pattern;
import rig.fstest.io.WriteListener;
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
    public static final long SIZE = 2 * 1024 * 1024;

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
        copy(this::echo, full(), src, dst, expectations().recorder(dst, Pattern.XFS_IO_DEFAULT));
        compare(this::echo, src, dst);
        verifyWrites();
    }

    /** The dio copy from the mapping; a copy that stops short is a transcript line. */
    public static WriteSummary copy(Consumer<String> echo, PrintStream full, Path src, Path dst,
                                    WriteListener calls) throws IOException {
        WriteSummary copy = DioBufFault.copy(src, dst, SIZE, calls);
        full.println("dio copy: " + copy.xfsIoLine());
        if (!copy.complete()) {
            echo.accept("failed doing the dio copy: " + copy.errorLine());
        }
        return copy;
    }

    /** diff src dst: true when identical; otherwise a transcript line says where they differ. */
    public static boolean compare(Consumer<String> echo, Path src, Path dst) {
        try {
            FileCompare.Result diff = FileCompare.compare(src, dst);
            if (!diff.identical()) {
                echo.accept("src and dst differ: " + diff.summary());
            }
            return diff.identical();
        } catch (IOException e) {
            echo.accept("src and dst differ: " + e.getMessage());
            return false;
        }
    }
}
