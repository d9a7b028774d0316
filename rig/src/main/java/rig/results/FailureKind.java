package rig.results;

/** Why the runner failed a test: the seam between its verdict and the results writers and triage. */
public enum FailureKind {
    /** The transcript differs from the golden output. */
    OUTPUT_MISMATCH,
    /** A checker found something (kernel log, fsck, ordered extents, gaps, device errors). */
    CHECKER_FINDING,
    /** A task of the test was blocked in the kernel when the runner ended it. */
    HUNG,
    /** The test outlived its timeout (or progress stopped) with no task of it blocked. */
    TIMED_OUT,
    /** The test body threw, or bailed out with an exit status (fstests' _fail). */
    TEST_ERROR,
    /** The worker JVM died during the test. */
    WORKER_DIED,
    /** A test declared to hang (a control) finished, or its hang was not handled cleanly. */
    EXPECTED_HANG,
    /** The rig itself cannot judge the test (no golden output). */
    RIG_ERROR
}
