package rig.tests.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rig.sys.Exec;

/** {@code rig triage} as a user runs it: a corpus score, a console log with NUL bytes, bad input. */
class TriageCliIT {
    private static final String WARNING_LOG = """
            [   10.000001] ------------[ cut here ]------------
            [   10.000002] WARNING: CPU: 0 PID: 7 at fs/btrfs/ordered-data.c:99 btrfs_split_ordered_extent+0x1/0x2 [btrfs]
            [   10.000003] RIP: 0010:btrfs_split_ordered_extent+0x1/0x2 [btrfs]
            [   10.000004] Call Trace:
            [   10.000005]  btrfs_extract_ordered_extent+0x5a/0x200 [btrfs]
            [   10.000006]  btrfs_dio_submit_io+0x99/0x140 [btrfs]
            """;

    @TempDir
    Path tmp;

    @Test
    void scoresACorpusInSyzkallersFormat() throws Exception {
        Path corpus = Files.createDirectories(tmp.resolve("corpus"));
        Files.writeString(corpus.resolve("1"), "TITLE: WARNING in btrfs_split_ordered_extent\nTYPE: WARNING\n\n" + WARNING_LOG);
        Files.writeString(corpus.resolve("2"), "TITLE: WARNING in btrfs_dio_submit_io\nTYPE: WARNING\n\n" + WARNING_LOG
                + "\nREPORT:\nWARNING in btrfs_dio_submit_io\n");
        Files.writeString(corpus.resolve("3"), "\n[    1.000000] loop0: detected capacity change from 0 to 2097152\n");
        Exec.Result r = Cli.rig("triage", "--score", corpus.toString(), "--show-misses");
        assertEquals(0, r.exitCode(), Cli.describe(r));
        assertTrue(r.stdout().contains("WARNING                                       2       1/2  50.0%       2/2 100.0%"),
                Cli.describe(r));
        assertTrue(r.stdout().contains("false positives on files that expect no report: 0 of 1"), Cli.describe(r));
        assertTrue(r.stdout().contains("MISS 2: want \"WARNING in btrfs_dio_submit_io\""), Cli.describe(r));
    }

    @Test
    void aConsoleLogWithNulBytesIsRead() throws Exception {
        Path log = tmp.resolve("console.log");
        byte[] text = WARNING_LOG.getBytes(StandardCharsets.UTF_8);
        byte[] withNuls = new byte[text.length + 64];
        System.arraycopy(text, 0, withNuls, 64, text.length);
        Files.write(log, withNuls);
        Exec.Result r = Cli.rig("triage", log.toString());
        assertEquals(1, r.exitCode(), Cli.describe(r));
        assertTrue(r.stdout().startsWith("NEW  WARNING in btrfs_split_ordered_extent"), Cli.describe(r));
    }

    @Test
    void badInputIsOneLineAndStatus2() throws Exception {
        Exec.Result r = Cli.rig("triage", "--score", tmp.resolve("missing").toString());
        assertEquals(2, r.exitCode(), Cli.describe(r));
        assertEquals(1, r.stderr().strip().lines().count(), Cli.describe(r));
        assertTrue(r.stderr().contains("not a directory"), Cli.describe(r));
    }
}
