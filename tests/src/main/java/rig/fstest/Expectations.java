package rig.fstest;

import java.io.IOException;
import java.nio.file.Path;
import rig.checkers.gaps.ExpectationLog;
import rig.checkers.gaps.GapReport;
import rig.checkers.gaps.GapVerifier;
import rig.fstest.io.Pattern;
import rig.fstest.io.WriteListener;

/**
 * What the test's writes owe: every write call and its result goes to the expectation log
 * ({@code NNN.expect}, which the runner's checkers also read); {@link #verify()} reads the
 * files back from the device and names each range that came back as zeros, stale device
 * content or wrong data, with its FIEMAP state.
 */
public final class Expectations {
    private final ExpectationLog log;
    private final Path seqres;

    Expectations(Path seqres) {
        this.seqres = seqres;
        this.log = ExpectationLog.create(seqres);
    }

    /** Declares what the device held before the test (e.g. generic/250's 0x69 fill). */
    public Expectations staleDevice(Pattern pattern) {
        log.staleDevicePattern(pattern.expected());
        return this;
    }

    /** A listener for Io.pwrite / DioBufFault that records each call on {@code file} written with {@code pattern}. */
    public WriteListener recorder(Path file, Pattern pattern) {
        return (offset, length, t) -> log.record(file, offset, length, pattern.expected(),
                t.failed() ? -t.errno() : t.done());
    }

    /** Drops the page cache, reads back everything acknowledged; the report is also saved as NNN.gaps. */
    public GapReport verify() throws IOException {
        GapReport report = GapVerifier.create().verify(log);
        report.write(seqres);
        return report;
    }

    public ExpectationLog log() {
        return log;
    }
}
