package rig.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a filesystem reports when its device fails every write, named by the filesystem function that
 * reported it and ranked above the I/O errors that caused it. The logs are real: made on this project's
 * host (kernel 6.18) by {@code rig/src/test/resources/rig/triage/fs-errors/make.sh} (a rig Java device
 * whose table turns to "0 - error write" under a mounted filesystem).
 */
class FilesystemErrorsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "btrfs.dmesg | transaction abort in __btrfs_free_extent | SHUTDOWN | btrfs_run_delayed_refs",
        "xfs.dmesg   | filesystem shutdown in xfs_do_force_shutdown | SHUTDOWN | xlog_ioend_work",
        "ext4.dmesg  | journal abort in jbd2_journal_abort | SHUTDOWN | ext4_journal_check_start",
    })
    void theFilesystemsOwnReportComesFirstAndIOErrorsAfter(String file, String top, Kind kind, String alsoNamed)
            throws Exception {
        Path log = Path.of(FilesystemErrorsTest.class.getResource("/rig/triage/fs-errors/" + file).toURI());
        List<Signature> sigs = Triage.withDefaults().run(log).signatures();
        assertEquals(top, sigs.get(0).title(), sigs.stream().map(Signature::title).toList().toString());
        assertEquals(kind, sigs.get(0).kind());
        assertTrue(sigs.stream().anyMatch(s -> alsoNamed.equals(s.culprit())), sigs.toString());
        int firstIoError = indexOf(sigs, Kind.IO_ERROR);
        for (int i = 0; i < sigs.size(); i++) {
            if (sigs.get(i).kind() == Kind.SHUTDOWN) {
                assertTrue(i < firstIoError, "I/O errors come after what the filesystem reported: " + sigs);
            }
        }
    }

    private static int indexOf(List<Signature> sigs, Kind kind) {
        for (int i = 0; i < sigs.size(); i++) {
            if (sigs.get(i).kind() == kind) {
                return i;
            }
        }
        return sigs.size();
    }
}
