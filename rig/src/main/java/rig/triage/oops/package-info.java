/**
 * Kernel reports found in a log and titled with syzkaller's rules for Linux ({@code pkg/report/linux.go}
 * of google/syzkaller, read and written again in Java): the report types ({@link rig.triage.oops.LinuxOopses},
 * a table of headers, title formats and suppressions), what every report shares ({@link rig.triage.oops.StackRules}:
 * where stacks start, frame syntax, frames skipped, syscall prefixes stripped), how a title is filled
 * ({@link rig.triage.oops.Describer}, {@link rig.triage.oops.StackWalk}, {@link rig.triage.oops.FrameExtractor})
 * and made stable ({@link rig.triage.oops.TitleSanitizer}), and the title's crash type
 * ({@link rig.triage.oops.CrashTypes}, data in {@code rig/triage/crash-types.tsv}).
 *
 * <p>{@link rig.triage.oops.ReportCollector} reads a log line by line and hands each report, titled, to its
 * consumer as an {@link rig.triage.oops.OopsReport}; it holds only the report being read. Where the rig
 * reads more than syzkaller (a header wrapped by an 80-column console, 2.6-era WARNINGs, a report with no
 * stack named by its header's function, a syslog line among caller-tagged lines), the table and the
 * collector say so where they do it.
 */
package rig.triage.oops;
