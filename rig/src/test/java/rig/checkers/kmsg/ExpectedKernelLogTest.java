package rig.checkers.kmsg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NNN.dmesg.expected as the kernel-log checker writes it, on rig/101's real kernel log (see SOURCE.txt there). */
class ExpectedKernelLogTest {
    @TempDir
    Path tmp;

    /** rig/101's declaration (tests/src/main/java/rig/tests/rig/Rig101.java). */
    private static final String[] RIG101 = {"csum failed", "checksum error", "I/O error"};

    private static List<String> rig101Dmesg() throws Exception {
        return Files.readAllLines(Path.of(ExpectedKernelLogTest.class
                .getResource("/rig/triage/rig101-expected/results/rig/101.dmesg").toURI()));
    }

    @Test
    void writesTheDeclaredPatternsWithTheirSourceAndReadsThemBack() throws Exception {
        List<String> dmesg = rig101Dmesg();
        List<String> messages = dmesg.stream().map(ExpectedKernelLog::message).toList();
        Path seqres = Files.createDirectories(tmp.resolve("rig")).resolve("101");

        ExpectedKernelLog.of(RIG101).write(seqres, "rig/101", messages);

        List<String> file = Files.readAllLines(tmp.resolve("rig/101.dmesg.expected"));
        assertTrue(file.get(0).startsWith("# @Fstest(expectedKernelLog) of rig/101: lines of 101.dmesg"), file.get(0));
        long csum = messages.stream().filter(m -> m.contains("csum failed")).count();
        assertTrue(csum > 0, "the fixture holds btrfs csum failures");
        assertEquals("# " + csum + " of " + messages.size() + " lines matched", file.get(1));
        assertEquals(List.of(RIG101), file.subList(2, file.size()));

        ExpectedKernelLog back = ExpectedKernelLog.beside(tmp.resolve("rig"), "101").orElseThrow();
        assertEquals(List.of(RIG101), back.patterns());
        String csumLine = dmesg.stream().filter(l -> l.contains("csum failed")).findFirst().orElseThrow();
        assertTrue(back.declares(csumLine), csumLine);
        assertFalse(back.declares(dmesg.get(0)), dmesg.get(0));
    }

    @Test
    void nothingDeclaredMeansNoFileAndAnOlderOneGoes() throws Exception {
        Path seqres = tmp.resolve("101");
        Files.writeString(tmp.resolve("101.dmesg.expected"), "csum failed\n");
        ExpectedKernelLog.of().write(seqres, "rig/101", rig101Dmesg());
        assertFalse(Files.exists(tmp.resolve("101.dmesg.expected")));
        assertTrue(ExpectedKernelLog.beside(tmp, "101").isEmpty());
    }

    @Test
    void matchesTheMessageAsTheCheckerDidNotTheStamp() {
        ExpectedKernelLog e = ExpectedKernelLog.of("^BTRFS warning \\(device loop\\d+\\): csum failed");
        String line = "[12126.944071] BTRFS warning (device loop1): csum failed root 5 ino 258 off 0 csum 0x8941f998"
                + " expected csum 0x98757625 mirror 1";
        assertTrue(e.declares(line));
        String warning = "[12127.000001] WARNING: CPU: 2 PID: 1003 at fs/iomap/buffered-io.c:1182"
                + " iomap_file_buffered_write_punch_delalloc+0x691/0x730";
        assertTrue(e.fails(warning));
        assertFalse(ExpectedKernelLog.of("WARNING: CPU: \\d+ PID: \\d+ at fs/iomap/").fails(warning));
    }

    @Test
    void aBadRegexInTheFileNamesTheFile() throws Exception {
        Files.writeString(tmp.resolve("101.dmesg.expected"), "# hand-edited\ncsum failed (\n");
        IOException e = assertThrows(IOException.class, () -> ExpectedKernelLog.beside(tmp, "101"));
        assertTrue(e.getMessage().contains("101.dmesg.expected") && e.getMessage().contains("csum failed ("), e.getMessage());
    }
}
