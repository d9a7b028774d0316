package rig.check.api;

/**
 * Files a test leaves in its results directory to tell the runner's checkers what it used, as
 * fstests' tests touch {@code $RESULT_DIR/require_scratch}.
 */
public final class CheckFlags {
    /** _require_scratch's flag: the scratch filesystem is checked (fsck) after the test. */
    public static final String REQUIRE_SCRATCH = "require_scratch";

    private CheckFlags() {
    }
}
