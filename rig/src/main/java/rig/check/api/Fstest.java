package rig.check.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class as a numbered test, e.g. {@code @Fstest(id = "generic/250", groups = {"auto",
 * "quick", "prealloc", "rw", "eio"})}. Its golden output {@code 250.out} is a resource in the
 * same package. The class implements {@link NumberedTest}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Fstest {
    /** "suite/NNN", as fstests names it: generic/250, btrfs/012, rig/001. */
    String id();

    /** fstests groups (auto, quick, rw, eio, ...); they are JUnit tags too. */
    String[] groups();

    /** Per-test timeout in seconds; 0 takes the run's --timeout. */
    int timeoutSeconds() default 0;

    /**
     * Regular expressions of kernel log lines this test provokes on purpose (e.g. btrfs'
     * "direct IO failed" when it injects write errors); the kernel-log checker accepts them.
     */
    String[] expectedKernelLog() default {};

    /**
     * Regular expressions over the checkers' findings ("oe: stalled ordered extent ...",
     * "dmesg: kernel log: WARNING: ..."), for positive controls: each must match at least one
     * finding, or the test fails ("expected checker finding missing"); findings that match are
     * not failures. Ignored when the run has checkers off.
     */
    String[] expectedFindings() default {};

    /**
     * A positive control of the runner's hang handling: the test is expected to hang (it leaves
     * a stall in place) and to be ended by the runner, at its timeout or earlier when the
     * blocked-task sampler and the ordered-extent ledger agree that progress stopped. It passes
     * only when the hang was detected, its {@link #expectedFindings()} all matched, the
     * transcript up to the hang matches the golden output and the recovery left the host clean
     * (worker gone, no mount left, SCRATCH usable). A test so marked that finishes fails.
     */
    boolean expectHang() default false;

    /**
     * The test is about direct writes: on btrfs the ordered-extent checker then says in NNN.full
     * when none of its ordered extents carried the DIRECT flag (btrfs serves direct writes to
     * files with data checksums as buffered writes), so a pass is never mistaken for a pass of
     * the direct-I/O path.
     */
    boolean directWrites() default false;
}
