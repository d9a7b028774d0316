package rig.fstest;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import rig.check.api.CheckFlags;
import rig.check.api.NotRunException;
import rig.check.api.TestExitException;
import rig.check.api.NumberedTest;
import rig.check.api.TestEnv;
import rig.checkers.gaps.GapReport;
import rig.fstest.dm.DmError;
import rig.fstest.dm.DmFlakey;
import rig.fstest.dm.FaultDevices;
import rig.fstest.filter.Filters;
import rig.fstest.fs.Filesystem;
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
    private rig.fstest.dm.DmDelay delay;
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
        rig.sys.Trace.mark(env.id() + ": " + line); // RIG_TRACE=1: where a test's time goes, step by step
        env.out().println(filter(line));
    }

    /** echo "text" | tee -a $seqres.full. */
    public final void echoTee(String line) {
        echo(line);
        full().println(line);
    }

    /**
     * {@code $XFS_IO_PROG -c "pwrite ..." file >> $seqres.full 2>&1}: the write's xfs_io summary
     * and, when it stopped short, its error line ("pwrite: Input/output error") go to the .full log.
     */
    public final void logToFull(WriteSummary write) {
        full().println(write.xfsIoLine());
        if (!write.complete()) {
            full().println(write.errorLine());
        }
    }

    /** _filter_scratch and _filter_test_dir together. */
    public final String filter(String text) {
        return Filters.all(cfg, text);
    }

    /** md5sum file | _filter_scratch: "hash  SCRATCH_MNT/test-250/file2"; a read error is printed as md5sum does. */
    public final void md5sum(Path file) {
        try {
            // md5sum(1), as fstests runs it: native hashing (the worker's C1-compiled MD5 took 2.7 s for
            // generic/250's 40 MiB in a TCG guest) and the program's own error line
            rig.sys.Exec.Result r = rig.sys.Exec.run(java.time.Duration.ofMinutes(5), "md5sum", file.toString());
            if (r.ok()) {
                echo(r.stdout().strip());
            } else { // "md5sum: FILE: Input/output error", its own words
                echo(r.stderr().strip().lines().findFirst().orElse("md5sum: " + file + ": exit status " + r.exitCode()));
                full().println(r.stderr().strip());
            }
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
     * The gap verifier, where the test owes its acknowledged writes (after its remount): reads
     * them back from the device and records the report for the gap checker, which fails the test
     * on each zero-filled, stale or wrong range ("zero-filled gap at [1048576, 2097152) in dst:
     * hole in FIEMAP"); the report is NNN.gaps. Nothing goes to the transcript. Returns true when
     * every acknowledged byte came back.
     */
    public final boolean verifyWrites() {
        rig.sys.Trace.mark(env.id() + ": gap verifier");
        try {
            GapReport report = expectations().verify();
            expectations().log().verified(report);
            full().print(report.text());
            return report.clean();
        } catch (IOException e) {
            full().println("gap verifier: cannot read the written files back: " + e.getMessage());
            expectations().log().verified(GapReport.unreadable(e.getMessage()));
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

    /** fstests' dmdelay words on the scratch device; its cleanup runs after the test. */
    protected final rig.fstest.dm.DmDelay delay() {
        if (delay == null) {
            delay = new rig.fstest.dm.DmDelay(scratch(), FaultDevices.opener(cfg, scratch().device(), full()), full());
            onCleanup(delay::cleanup);
        }
        return delay;
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

    /** _scratch_sync: syncfs of the scratch filesystem (sync when it is not mounted). */
    protected final void scratchSync() throws IOException {
        SystemOps.syncFs(scratchMnt());
    }

    /** _test_sync: syncfs of the test filesystem. */
    protected final void testSync() throws IOException {
        SystemOps.syncFs(testDir());
    }

    /**
     * _repair_scratch_fs &gt;&gt; $seqres.full: the repairing check of the unmounted scratch
     * device; when it cannot make the filesystem good, fstests' complaint goes to the transcript
     * ("btrfs repair failed, err=1").
     */
    protected final boolean repairScratchFs() throws IOException {
        if (fstyp().equals("btrfs")) {
            full().println("yes|btrfs check --repair --force " + scratch().device());
        }
        boolean ok = scratch().repair();
        if (!ok) {
            String who = switch (fstyp()) {
                case "btrfs" -> "btrfs repair";
                case "xfs" -> "xfs_repair";
                default -> "fsck." + fstyp();
            };
            out().println(who + " failed, err=1");
        }
        return ok;
    }

    /**
     * _fixed_by_kernel_commit: a hint in NNN.hints, which the runner shows after a failure (and
     * removes after a pass), as fstests' check does.
     */
    protected final void fixedByKernelCommit(String commit, String subject) throws IOException {
        fixedByGitCommit("kernel", commit + " " + subject);
    }

    /** _fixed_by_git_commit pkg words. */
    protected final void fixedByGitCommit(String pkg, String words) throws IOException {
        java.nio.file.Files.writeString(Path.of(seqres() + ".hints"),
                "HINT: You _MAY_ be missing " + pkg + " fix:\n      " + words + "\n\n",
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    /**
     * _fail "words": the words to the transcript and the .full log, "(see $seqres.full for
     * details)", and the test ends with exit status 1.
     */
    protected final TestExitException fail(String words) {
        echo(words);
        full().println(words);
        out().println("(see " + seqres() + ".full for details)");
        return new TestExitException(1);
    }

    /** _get_file_block_size dir: the allocation unit of files in {@code dir} (the fs block size here). */
    protected final long fileBlockSize(Path dir) throws IOException {
        if (!java.nio.file.Files.isDirectory(dir)) {
            throw new IOException("Missing mount point argument for _get_file_block_size");
        }
        return java.nio.file.Files.getFileStore(dir).getBlockSize();
    }

    protected final void sync() {
        SystemOps.sync();
    }

    /** echo 3 > /proc/sys/vm/drop_caches, after a sync. */
    protected final void dropCaches() throws IOException {
        SystemOps.dropCaches();
    }

    // ---- requirements (NotRunException with fstests' reasons) ------------------------------

    /**
     * _require_scratch_nocheck: SCRATCH_DEV and SCRATCH_MNT set, the device present and not
     * mounted elsewhere (unmounted if on SCRATCH_MNT); the scratch filesystem is not checked after
     * the test.
     */
    protected final void requireScratchNocheck() throws IOException {
        req.scratchRequired();
    }

    /** A test for one filesystem: "not suitable for this filesystem type: xfs" (fstests' reason) otherwise. */
    protected final void requireFstyp(String fstyp) {
        if (!fstyp().equals(fstyp)) {
            throw new NotRunException("not suitable for this filesystem type: " + fstyp());
        }
    }

    /** _require_scratch: {@link #requireScratchNocheck()}, and the scratch filesystem is checked after the test. */
    protected final void requireScratch() throws IOException {
        req.scratchRequired();
        Path flag = seqres().resolveSibling(CheckFlags.REQUIRE_SCRATCH);
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

    /**
     * _require_scratch_reflink: "Reflink not supported by scratch filesystem type: ext4". Makes
     * and mounts a scratch filesystem to try, and leaves it unmounted.
     */
    protected final void requireScratchReflink() throws IOException {
        requireScratch();
        req.reflink();
    }

    /** _require_cp_reflink: "This test requires a cp with --reflink support." */
    protected final void requireCpReflink() throws IOException {
        req.cpReflink();
    }

    /** _require_xfs_io_command falloc: "xfs_io falloc  failed (old kernel/wrong fs?)". Leaves scratch unmounted. */
    protected final void requireFalloc() throws IOException {
        req.falloc();
    }

    /**
     * _require_fs_space mnt kib: "not run" unless {@code mnt} has {@code kib} KiB available (df's
     * Available column); the reason is fstests' own, in whole GB.
     */
    protected final void requireFsSpace(Path mnt, long kib) throws IOException {
        Requirements.fsSpace(mnt, kib);
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
