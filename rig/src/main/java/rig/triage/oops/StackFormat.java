package rig.triage.oops;

import java.util.List;
import java.util.regex.Pattern;

/**
 * How the guilty frame is found in a report: {@code parts} are matched one after the other, each a
 * line pattern (its groups yield frames) or {@link #TRACE}, a stack trace parsed from there on; when
 * they fail, {@code parts2} are tried. {@code skip} adds frames (regexes, found anywhere in the name)
 * to the ones every report skips; {@code extractor} picks the frame among those left.
 */
record StackFormat(List<Pattern> parts, List<Pattern> parts2, List<String> skip, FrameExtractor extractor) {
    /** Marks the place where a stack trace is parsed. */
    static final Pattern TRACE = Pattern.compile("(?!)");

    static StackFormat of(Pattern... parts) {
        return new StackFormat(List.of(parts), List.of(), List.of(), FrameExtractor.FIRST);
    }

    StackFormat skip(String... more) {
        return new StackFormat(parts, parts2, List.of(more), extractor);
    }

    StackFormat orElse(Pattern... more) {
        return new StackFormat(parts, List.of(more), skip, extractor);
    }

    StackFormat extractor(FrameExtractor e) {
        return new StackFormat(parts, parts2, skip, e);
    }
}
