package rig.check.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExpectedFindingsTest {

    static final List<String> FINDINGS = List.of(
            "oe: stalled ordered extent (completed later): fs 1 root 5 ino 257 file offset 0 len 1048576",
            "blocked: task dd:42 blocked 12 s in __iomap_dio_rw",
            "fsck: fsck of SCRATCH_DEV btrfs check --readonly /dev/loop1: exit 1 (corrupt)");

    @Test
    void matchedFindingsAreExpectedTheRestStillFail() {
        ExpectedFindings.Result r = ExpectedFindings.apply(new String[] {"^oe: stalled ordered extent .* ino 257 ",
                "^blocked: task dd:\\d+ blocked \\d+ s in "}, FINDINGS, true);
        assertEquals(2, r.expected().size());
        assertEquals(List.of(FINDINGS.get(2)), r.failures());
    }

    @Test
    void anExpectationNoFindingMetFailsTheControl() {
        ExpectedFindings.Result r = ExpectedFindings.apply(new String[] {"^dmesg: kernel log: WARNING"}, List.of(), true);
        assertEquals(List.of("expected checker finding missing: /^dmesg: kernel log: WARNING/"), r.failures());
    }

    @Test
    void withCheckersOffOrNoExpectationsFindingsPassThrough() {
        assertEquals(List.of(), ExpectedFindings.apply(new String[] {"x"}, List.of(), false).failures());
        assertEquals(FINDINGS, ExpectedFindings.apply(new String[0], FINDINGS, true).failures());
    }
}
