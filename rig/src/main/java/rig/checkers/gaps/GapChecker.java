package rig.checkers.gaps;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import rig.check.api.CheckContext;
import rig.check.api.Checker;

/**
 * The gap verifier's verdict: every finding of a report the test recorded in its expectation log
 * (NNN.expect, written where the test owed its acknowledged writes, after its remount) fails the
 * test, named by its exact range: "zero-filled gap at [0, 65536) in file2: hole in FIEMAP". The
 * report itself is NNN.gaps; the test's transcript stays fstests' golden output.
 */
public final class GapChecker implements Checker {

    @Override
    public String name() {
        return "gaps";
    }

    @Override
    public void start(CheckContext ctx) {
    }

    @Override
    public List<String> finish(CheckContext ctx) throws IOException {
        List<String> findings = new ArrayList<>();
        var log = ExpectationLog.load(ctx.seqres());
        if (log.isPresent()) {
            for (GapReport report : log.get().verifications()) {
                findings.addAll(report.lines());
            }
        }
        return findings;
    }
}
