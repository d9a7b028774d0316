package rig.triage.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogLineSplitterTest {
    private static List<String> split(String physical) {
        List<String> out = new ArrayList<>();
        new LogLineSplitter().split(physical, (stamp, text) -> out.add(stamp + "|" + text));
        return out;
    }

    @Test
    void decorationsOfEveryLogSourceAreRemoved() {
        assertEquals(List.of("[  393.840871]|Buffer I/O error"), split("[  393.840871] Buffer I/O error"));
        assertEquals(List.of("[  393.840871][ T1598]|Buffer I/O error"), split("[  393.840871][ T1598] Buffer I/O error"));
        assertEquals(List.of("[  393.840871]|Buffer I/O error"), split("<3>[  393.840871] Buffer I/O error"));
        assertEquals(List.of("|Buffer I/O error"), split("3,1234,393840871,-;Buffer I/O error"));
        assertEquals(List.of("|Buffer I/O error"), split("Mar 07 07:07:21 host kernel: Buffer I/O error"));
        assertEquals(List.of("[Tue Mar  7 07:07:21 2023]|Buffer I/O error"), split("[Tue Mar  7 07:07:21 2023] Buffer I/O error"));
        assertEquals(List.of("|</TASK>"), split("> >  </TASK>"));
    }

    @Test
    void flattenedLinesAreCutAtEveryTimestampAndLoseTheirQuoting() {
        assertEquals(List.of("|sysrq(w) output:", "[33812.455122]|sysrq: Show Blocked State",
                "[33812.458831]|task:kworker/u20:31 state:D"),
                split("sysrq(w) output: > > [33812.455122] sysrq: Show Blocked State >> > [33812.458831] task:kworker/u20:31 state:D"));
    }

    @Test
    void notTimestamps() {
        assertEquals(List.of("|btrfs_sync_fs+0x3e/0x1c0 [btrfs]"), split("btrfs_sync_fs+0x3e/0x1c0 [btrfs]"));
        assertEquals(List.of("|------------[ cut here ]------------"), split("------------[ cut here ]------------"));
        assertEquals(List.of("|Oops: 0000 [#1] SMP"), split("Oops: 0000 [#1] SMP"));
    }

    @Test
    void lineAssemblerHandlesCrLfAndCutsOverlongLines() throws IOException {
        List<String> lines = new ArrayList<>();
        LineAssembler.readAll(new StringReader("a\r\nb\rc\n\nd"), lines::add);
        assertEquals(List.of("a", "b", "c", "", "d"), lines);
        lines.clear();
        LineAssembler.readAll(new StringReader("x".repeat(LineAssembler.MAX_LINE + 10)), lines::add);
        assertEquals(2, lines.size());
        assertEquals(LineAssembler.MAX_LINE, lines.get(0).length());
    }
}
