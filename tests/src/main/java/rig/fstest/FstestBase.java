package rig.fstest;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import rig.check.api.NotRunException;
import rig.check.api.NumberedTest;
import rig.check.api.TestEnv;
import rig.checkers.fsck.FsckChecker;
import rig.checkers.gaps.GapReport;
import rig.fstest.dm.DmError;
import rig.fstest.dm.DmFlakey;
import rig.fstest.dm.FaultDevices;
import rig.fstest.filter.Filters;
import rig.fstest.fs.Filesystem;
import rig.fstest.io.Md5;
import rig.fstest.io.WriteSummary;

/**
 * The base of a numbered test, giving it fstests' vocabulary so that its body reads like the
 * shell original: {@code echo}, {@code scratch().mkfs()}, {@code scratch().mount()},
 * {@code md5sum(file)}, {@code requireScratch()}, ... The runner writes the "QA output created
 * by NNN" header; the body writes the rest of the transcript with {@link #echo}.
 *
 * <p>Cleanups registered with {@link #onCleanup} run after the body, last first, like fstests'
 * {@code _cleanup}; then a scratch or test filesystem the test left mounted is unmounted, so
 * that the runner's fsck finds it unmounted.
 */
public abstract class FstestBase implements NumberedTest {

    /** A cleanup step; it may throw. */
    @FunctionalInterface
    public interface Cleanup {
        void run() throws Exception;
    }

    private TestEnv env;
    private Config cfg;
    private Requirements req;
    private DmError dmerror;
    private DmFlakey flakey;
    private Expectations expectations;
    private final Deque<Cleanup> cleanups = new ArrayDeque<>();

    /** The test's steps. */
    protected abstract void test() throws Exception;

    @Override
    public final void run(TestEnv testEnv) throws Exception {
        env = testEnv;
        cfg = new Config(testEnv.config());
        req = new Requirements(cfg, testEnv.full());
        Throwable failure = null;
        try {
            test();
        } catch (Throwable t) {
            failure = t;
            throw t;
        } finally {
            runCleanups(failure);
        }
    }

    private void runCleanups(Throwable failure) throws Exception {
        Exception first = null;
        while (!cleanups.isEmpty()) {
            try {
                cleanups.pop().run();
            } catch (Exception e) {
                full().println("cleanup failed: " + e);
                first = first == null ? e : first;
            }
        }
        req.unmountLeftovers();
        if (first != null && failure == null) {
            throw first;
        }
    }

    /** Registers a step for {@code _cleanup}; steps run last first, also when the test fails. */
    protected final void onCleanup(Cleanup step) {
        cleanups.push(step);
    }

    // ---- environment and transcript -------------------------------------------------------

    protected final TestEnv env() {
        return env;
    }

    protected final Config config() {
        return cfg;
    }

    /** "250": fstests' $seq. */
    protected final String seq() {
        return env.seq();
    }

    protected final String fstyp() {
        return cfg.fstyp();
    }

    public final PrintStream out() {
        return env.out();
    }

    /** The .full log ($seqres.full). */
    public final PrintStream full() {
        return env.full();
    }

    /** results/.../NNN without extension ($seqres). */
    protected final Path seqres() {
        return env.seqres();
    }

    /** echo "text": a line of the transcript, with SCRATCH/TEST paths filtered. */
    public final void echo(String line) {
        env.out().println(filter(line));
    }

    /** echo "text" | tee -a $seqres.full. */
    public final void echoTee(String line) {
        echo(line);
        full().println(line);
    }

    /**
     * {@code $XFS_IO_PROG -c "pwrite ..." file >> $seqres.full}: the write's xfs_io summary goes
     * to the .full log, its error line (when it stopped short) to the transcript, as xfs_io's
     * stderr does.
     */
    public final void logToFull(WriteSummary write) {
        full().println(write.xfsIoLine());
        if (!write.complete()) {
            echo(write.errorLine());
        }
    }

    /** _filter_scratch and _filter_test_dir together. */
    public final String filter(String text) {
        return Filters.all(cfg, text);
    }

    /** md5sum file | _filter_scratch: "hash  SCRATCH_MNT/test-250/file2"; a read error is printed as md5sum does. */
    public final void md5sum(Path file) {
        try {
            echo(Md5.line(Md5.of(file), file.toString()));
        } catch (IOException e) {
            echo("md5sum: " + file + ": " + ioReason(e));
            full().println("md5sum " + file + ": " + e);
        }
    }

    private static String ioReason(IOException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        return m.contains("Input/output error") ? "Input/output error" : m;
    }

    // ---- filesystems ----------------------------------------------------------------------

    /** The scratch filesystem ($SCRATCH_DEV on $SCRATCH_MNT); call {@link #requireScratch()} first. */
    protected final Filesystem scratch() {
        return req.scratch();
    }

    /** The test filesystem ($TEST_DEV on $TEST_DIR); call {@link #requireTest()} first. */
    protected final Filesystem testFs() {
        return req.testFs();
    }

    /** $SCRATCH_MNT. */
    protected final Path scratchMnt() {
        return scratch().mnt();
    }

    /** $TEST_DIR. */
    protected final Path testDir() {
        return testFs().mnt();
    }

    /** The test's expectation log: record writes with {@code expectations().recorder(file, pattern)}. */
    protected final Expectations expectations() {
        if (expectations == null) {
            expectations = new Expectations(seqres());
        }
        return expectations;
    }

    /**
     * Runs the gap verifier over the recorded writes: each zero-filled, stale or wrong range is a
     * transcript line ("zero-filled gap at [1048576, 2097152) in dst: hole in FIEMAP").
     * Returns true when every acknowledged byte came back.
     */
    public final boolean verifyWrites() {
        try {
            GapReport report = expectations().verify();
            report.lines().forEach(this::echo);
            full().print(report.text());
            return report.clean();
        } catch (IOException e) {
            echo("gap verifier: cannot read the written files back: " + e.getMessage());
            return false;
        }
    }

    /** fstests' dmerror words on the scratch device; its cleanup runs after the test. */
    protected final DmError dmerror() {
        if (dmerror == null) {
            dmerror = new DmError(scratch(), FaultDevices.opener(cfg, scratch().device(), full()), full());
            onCleanup(dmerror::cleanup);
        }
        return dmerror;
    }

    /** fstests' dmflakey words on the scratch device; its cleanup runs after the test. */
    protected final DmFlakey flakey() {
        if (flakey == null) {
            flakey = new DmFlakey(scratch(), FaultDevices.opener(cfg, scratch().device(), full()), full());
            onCleanup(flakey::cleanup);
        }
        return flakey;
    }

    /**
     * _check_scratch_fs: the read-only fsck of the (unmounted) scratch filesystem; an
     * inconsistency is a transcript line, its report goes to the .full log.
     */
    protected final void checkScratch() throws IOException {
        var r = scratch().fsck();
        if (!r.ok()) {
            echo("_check_" + fstyp() + "_filesystem: filesystem on " + scratch().device()
                    + " is inconsistent (see " + seqres() + ".full)");
        }
    }

    protected final void sync() {
        SystemOps.sync();
    }

    /** echo 3 > /proc/sys/vm/drop_caches, after a sync. */
    protected final void dropCaches() throws IOException {
        SystemOps.dropCaches();
    }

    // ---- requirements (NotRunException with fstests' reasons) ------------------------------

    /** _require_scratch: SCRATCH_DEV and SCRATCH_MNT set, the device present and not in use. */
    protected final void requireScratch() throws IOException {
        req.scratchRequired();
        Path flag = seqres().resolveSibling(FsckChecker.SCRATCH_FLAG);
        java.nio.file.Files.createDirectories(flag.getParent());
        java.nio.file.Files.writeString(flag, "");
    }

    /** _require_test: TEST_DEV mounted on TEST_DIR (mounted here when it is not). */
    protected final void requireTest() throws IOException {
        req.testRequired();
    }

    /** _require_odirect: O_DIRECT opens work on the filesystem under test. */
    protected final void requireOdirect() throws IOException {
        req.odirect();
    }

    /** _require_command: "mkfs.btrfs not found" when {@code program} is not on PATH. */
    protected final void requireCommand(String program) {
        req.command(program);
    }

    /** _require_scratch_reflink: "reflink not supported by ext4". Leaves the scratch fs unmounted. */
    protected final void requireReflink() throws IOException {
        req.reflink();
    }

    /** _require_xfs_io_command falloc: "falloc not supported by FSTYP". Leaves scratch unmounted. */
    protected final void requireFalloc() throws IOException {
        req.falloc();
    }

    /** _require_dm_target: the scratch device can inject the faults of dm target {@code target}. */
    protected final void requireDmTarget(String target) {
        req.dmTarget(target);
    }

    /** _notrun "reason". */
    protected final void notRun(String reason) {
        throw new NotRunException(reason);
    }
}
