package rig.checkers.kmsg;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which kernel messages fail a test: fstests' _check_dmesg patterns (WARNING, BUG, Oops, lockdep
 * splats, suspicious RCU usage, general protection faults, slab objects remaining, the OOM killer,
 * UBSAN) and its filter, plus hung-task reports, KASAN, KFENCE and panics, unless one of the
 * test's expectedKernelLog regular expressions matches the line.
 */
public final class KernelLogRules {

    /** The failure signatures, each searched anywhere in a message line. */
    public static final List<Pattern> BAD = List.of(
            Pattern.compile("\\bWARNING:"),
            Pattern.compile("\\bBUG:"),
            Pattern.compile("kernel BUG at"),
            Pattern.compile("\\bOops\\b"),
            Pattern.compile("general protection fault"),
            Pattern.compile("blocked for more than \\d+ seconds"),
            Pattern.compile("possible circular locking dependency"),
            Pattern.compile("possible recursive locking"),
            Pattern.compile("inconsistent lock state"),
            Pattern.compile("possible irq lock inversion"),
            Pattern.compile("suspicious RCU usage"),
            Pattern.compile("\\bKASAN:"),
            Pattern.compile("\\bUBSAN:"),
            Pattern.compile("\\bKFENCE:"),
            Pattern.compile("Kernel panic"),
            Pattern.compile("BUG .* remaining"),
            Pattern.compile("oom-kill"));

    /** Lines fstests' _check_dmesg_filter never counts (lockdep's own limits, xfs' AGFL repair). */
    public static final List<Pattern> IGNORED = List.of(
            Pattern.compile("BUG: MAX_LOCKDEP_CHAIN_HLOCKS too low"),
            Pattern.compile("BUG: MAX_STACK_TRACE_ENTRIES too low"),
            Pattern.compile("WARNING: Reset corrupted AGFL"));

    private final List<Pattern> expected = new ArrayList<>();

    /** @param expectedRegexes the test's {@code @Fstest(expectedKernelLog = ...)} */
    public KernelLogRules(String... expectedRegexes) {
        for (String re : expectedRegexes) {
            expected.add(Pattern.compile(re));
        }
    }

    /** True when the line is a failure signature that the test did not declare expected. */
    public boolean fails(String line) {
        return BAD.stream().anyMatch(p -> p.matcher(line).find()) && !expected(line)
                && IGNORED.stream().noneMatch(p -> p.matcher(line).find());
    }

    public boolean expected(String line) {
        return expected.stream().anyMatch(p -> p.matcher(line).find());
    }

    /** The failing lines of a window, in order. */
    public List<String> failures(List<String> lines) {
        return lines.stream().filter(this::fails).toList();
    }
}
