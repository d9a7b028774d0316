package rig.triage.oops;

import java.util.regex.Pattern;

/**
 * One title format of a report type: {@code title} recognises it; {@code report}, when set, must also
 * match (else the report is corrupted) and its groups replace the title's; {@code fmt} builds the title
 * from the groups ({@code %[N]v}, then the frames the stack format yields); {@code noStackTrace} turns off
 * the missing-stack corruption check; {@code corrupted} marks reports that are always truncated.
 */
record OopsFormat(Pattern title, Pattern report, String fmt, StackFormat stack, boolean noStackTrace, boolean corrupted) {
    static OopsFormat title(String title, String fmt) {
        return new OopsFormat(Rx.of(title), null, fmt, null, false, false);
    }

    OopsFormat report(String re) {
        return new OopsFormat(title, Rx.of(re), fmt, stack, noStackTrace, corrupted);
    }

    OopsFormat stack(StackFormat s) {
        return new OopsFormat(title, report, fmt, s, noStackTrace, corrupted);
    }

    OopsFormat noStack() {
        return new OopsFormat(title, report, fmt, stack, true, corrupted);
    }

    OopsFormat corrupt() {
        return new OopsFormat(title, report, fmt, stack, noStackTrace, true);
    }
}
