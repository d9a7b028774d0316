package rig.check.run;

import java.nio.file.Path;
import java.util.Set;

/**
 * What {@code ./check} was asked to do, in fstests' options: selection, {@code -n} dry run,
 * {@code -i}/{@code -I} iterations (the latter stops at the first failure), {@code -L} reruns
 * of a failed test, {@code -R xunit[-quiet]}, {@code -d} dump transcripts, {@code -b} brief summary,
 * {@code -T} timestamps, {@code --timeout}, {@code -s}/{@code -S} sections, {@code --config};
 * {@code --shard K/N} (null: the whole run) balanced by {@code --shard-times} (null: each section's
 * check.time); {@code -j N} runners at once (1: one at a time).
 */
public record RunOptions(Selection.Spec selection, boolean dryRun, int iterations, boolean stopOnFailure,
                         int loopOnFailure, Report report, boolean dump, boolean brief, boolean timestamps,
                         int timeoutSeconds, Set<String> sections, Set<String> excludeSections, Path config,
                         boolean checkers, String basePackage, Shard shard, Path shardTimes, int jobs) {

    public static final int DEFAULT_TIMEOUT = 300;

    /** Tests in this group cannot share the host with other tests (they drop caches, change sysctls): -j runs them alone. */
    public static final String ALONE_GROUP = "alone";

    /**
     * {@code -R}: no report, result.xml with each failure's .full, .dmesg and diff embedded, or
     * (fstests' xunit-quiet) without them, which keeps the file small for CI parsers.
     */
    public enum Report { NONE, XUNIT, XUNIT_QUIET }
}
