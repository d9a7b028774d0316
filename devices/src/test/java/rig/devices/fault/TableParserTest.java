package rig.devices.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TableParserTest {

    static final long SECTORS = 1 << 21; // 1 GiB

    static Table parse(String text) throws TableSyntaxException {
        return TableParser.parse(text, SECTORS, "table");
    }

    @Test
    void emptyTextAndCommentsGiveTheEmptyTable() throws Exception {
        assertTrue(parse("").isEmpty());
        assertTrue(parse("# nothing\n\n   \n").isEmpty());
    }

    @Test
    void goodLinesRoundTripToTheirCanonicalText() throws Exception {
        String text = """
                0 409600 pass
                409600 2048 error write errno=EIO   # the bad range
                411648 - stall write deadline=30s
                """;
        Table t = parse(text);
        assertEquals("""
                0 409600 pass
                409600 2048 error write errno=EIO
                411648 1685504 stall write deadline=30s errno=EIO
                """, t.text());
        assertEquals(t.text(), parse(t.text()).text(), "the canonical text parses to itself");
    }

    @Test
    void everyRuleKindAndTriggerParses() throws Exception {
        Table t = parse("""
                cache volatile
                0 8 error
                8 8 error read errno=ENOSPC after=3
                16 8 flakey up=5s down=1500ms drop_writes
                24 8 flakey up=1m down=1s error_writes errno=EROFS
                32 8 drop
                40 8 drop write flush every=2
                48 8 stall all once
                56 8 delay latency=5ms jitter=2ms seed=7
                64 8 torn keep=2 then=ack limit=3
                72 8 corrupt write bytes=4 prob=0.25 seed=99
                80 8 error prob=0.5 seed=1
                """);
        assertEquals(Table.Cache.VOLATILE, t.cache);
        assertEquals("""
                cache volatile
                0 8 error errno=EIO
                8 8 error read errno=ENOSPC after=3
                16 8 flakey up=5s down=1500ms drop_writes errno=EIO
                24 8 flakey up=60s down=1s error_writes errno=EROFS
                32 8 drop
                40 8 drop write flush every=2
                48 8 stall all errno=EIO once
                56 8 delay latency=5ms jitter=2ms seed=7
                64 8 torn keep=2 then=ack limit=3
                72 8 corrupt write bytes=4 prob=0.25 seed=99
                80 8 error errno=EIO prob=0.5 seed=1
                """, t.text());
    }

    @Test
    void theTablesTheTestHelpersLoadParse() throws Exception {
        // rig.fstest.dm.TableInjector (tests module) sends these texts over the control socket
        assertEquals("0 2097152 pass\n", parse("0 - pass\n").text());
        assertEquals("0 2097152 error errno=EIO\n", parse("0 - error rw\n").text());
        assertEquals("0 2097152 drop\n", parse("0 - drop write\n").text());
        assertEquals("0 2097152 error write errno=EIO\n", parse("0 - error write\n").text());
        assertEquals("100 8 error errno=EIO\n300 8 error errno=EIO\n", parse("100 8 error rw\n300 8 error rw\n").text());
    }

    @Test
    void rangesAreSortedAndGapsAreAllowed() throws Exception {
        Table t = parse("100 10 error\n0 10 drop\n");
        assertEquals("0 10 drop\n100 10 error errno=EIO\n", t.text());
        assertEquals(0, t.floor(5));
        assertEquals(0, t.floor(50));
        assertEquals(1, t.floor(100));
        assertEquals(-1, TableParser.parse("100 10 error", SECTORS, "t").floor(99));
    }

    @Test
    void aProbabilityWithoutSeedGetsOneShownInTheText() throws Exception {
        String text = parse("0 8 error prob=0.1").text();
        assertTrue(text.matches("0 8 error errno=EIO prob=0.1 seed=\\d+\\n"), text);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "0 8 eror                       | 1 | unknown rule 'eror'",
        "0 8                            | 1 | needs at least a start sector, a length and a rule",
        "x 8 error                      | 1 | 'x' is not a start sector",
        "0 -5 error                     | 1 | '-5' is not a length in sectors",
        "0 0 error                      | 1 | length 0 covers no sector",
        "2097150 8 error                | 1 | reach past the end of the device (2097152 sectors)",
        "0 8 error wrte                 | 1 | unknown word 'wrte' for error",
        "0 8 error errno=EWHAT          | 1 | errno=EWHAT is not an errno",
        "0 8 error colour=red           | 1 | unknown key 'colour=' for error",
        "0 8 error errno=EIO errno=EIO  | 1 | errno= is given twice",
        "0 8 stall deadline=30          | 1 | deadline=30 is not a duration",
        "0 8 flakey up=5s               | 1 | flakey needs up= and down=",
        "0 8 delay                      | 1 | delay needs latency=",
        "0 8 torn                       | 1 | torn needs keep=",
        "0 8 torn keep=2 then=maybe     | 1 | then=maybe is not error or ack",
        "0 8 torn read keep=2           | 1 | torn does not apply to read",
        "0 8 drop read                  | 1 | drop does not apply to read",
        "0 8 corrupt flush              | 1 | corrupt does not apply to flush",
        "0 8 error prob=2               | 1 | prob=2 is not a probability",
        "0 8 error every=0              | 1 | every=0 never fires",
        "0 8 error once limit=2         | 1 | once and limit= together",
        "0 8 pass once                  | 1 | unknown word 'once' for pass",
        "cache sometimes                | 1 | write 'cache volatile' or 'cache writethrough'",
        "0 8 error =x                   | 1 | '=x' is not key=value",
    })
    void badLinesAreRejectedWithTheLineNumberAndTheReason(String line, int lineNo, String reason) {
        TableSyntaxException e = assertThrows(TableSyntaxException.class, () -> parse(line));
        assertEquals(lineNo, e.line());
        assertTrue(e.getMessage().startsWith("table line " + lineNo + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void theLineNumberCountsCommentsAndBlankLines() {
        TableSyntaxException e = assertThrows(TableSyntaxException.class,
                () -> TableParser.parse("# header\n0 8 pass\n\n8 8 stall deadline=soon\n", SECTORS, "rules.txt"));
        assertEquals(4, e.line());
        assertEquals("rules.txt", e.source());
        assertTrue(e.getMessage().startsWith("rules.txt line 4: deadline=soon is not a duration"), e.getMessage());
    }

    @Test
    void overlappingRangesNameBothLines() {
        TableSyntaxException e = assertThrows(TableSyntaxException.class,
                () -> parse("0 100 pass\n200 10 drop\n50 100 error\n"));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("(line 1) overlap"), e.getMessage());
    }

    @Test
    void aSecondCacheLineIsRejected() {
        TableSyntaxException e = assertThrows(TableSyntaxException.class,
                () -> parse("cache volatile\n0 8 pass\ncache writethrough\n"));
        assertEquals(3, e.line());
    }

    @Test
    void durationsParse() {
        assertEquals(30_000_000_000L, Durations.parse("30s"));
        assertEquals(1_500_000_000L, Durations.parse("1.5s"));
        assertEquals(500_000L, Durations.parse("500us"));
        assertEquals(120_000_000_000L, Durations.parse("2m"));
        assertEquals(-1, Durations.parse("30"));
        assertEquals(-1, Durations.parse("s"));
        assertEquals(-1, Durations.parse("3x"));
    }
}
