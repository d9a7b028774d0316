package rig.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rig.results.FailureKind;
import rig.results.ShardRecord;
import rig.results.Status;
import rig.results.Verdict;
import rig.triage.Triage;

class MergeTest {
    @TempDir
    Path tmp;

    private void shard(String name, int k, List<String> tests, boolean finished, Status status) throws Exception {
        Path dir = tmp.resolve(name).resolve("btrfs");
        new ShardRecord(k, 3, tests, finished).write(dir);
        for (String t : tests) {
            Path seqres = dir.resolve(t);
            Files.createDirectories(seqres.getParent());
            FailureKind kind = status == Status.FAIL ? FailureKind.OUTPUT_MISMATCH : null;
            new Verdict(t, status, kind, null, status == Status.FAIL ? "output mismatch (see x)" : null, 2,
                    status == Status.FAIL ? "--- a\n+++ b\n-x\n+y\n" : null).write(seqres);
            Files.writeString(Path.of(seqres + ".full"), "log of " + t + "\n");
        }
    }

    private Merge.Report merge(String... inputs) throws Exception {
        return new Merge(new PrintStream(new ByteArrayOutputStream())).merge(tmp.resolve("out"),
                List.of(inputs).stream().map(i -> tmp.resolve(i).toString()).toList());
    }

    @Test
    void shardsMergeIntoOneConfigurationWithItsResultXmlAndCheckLog() throws Exception {
        shard("s1", 1, List.of("generic/250", "rig/001"), true, Status.PASS);
        shard("s2", 2, List.of("generic/276"), true, Status.FAIL);
        shard("s3", 3, List.of("generic/708"), true, Status.PASS);
        Merge.Report r = merge("s1", "s2", "s3");
        assertEquals(List.of(), r.problems());
        assertEquals(List.of("generic/250", "generic/276", "generic/708", "rig/001"),
                List.copyOf(r.configurations().get("btrfs").keySet()));
        Path out = tmp.resolve("out/btrfs");
        assertTrue(Files.readString(out.resolve("result.xml")).contains("name=\"generic/276\""));
        assertTrue(Files.readString(out.resolve("check.log")).contains("Failures: generic/276\nFailed 1 of 4 tests\n"));
        assertEquals("log of rig/001\n", Files.readString(out.resolve("rig/001.full")), "the tests' files come along");
    }

    @Test
    void aMissingOrCrashedShardIsReportedNeverDropped() throws Exception {
        shard("s1", 1, List.of("generic/250"), true, Status.PASS);
        shard("s3", 3, List.of("generic/708", "rig/001"), false, Status.PASS);
        Files.delete(tmp.resolve("s3/btrfs/rig/001.outcome"));
        Merge.Report r = merge("s1", "s3");
        assertEquals(List.of("btrfs: shard 3/3 did not finish (crashed or interrupted)",
                "btrfs: shard 3/3 has no result for rig/001", "btrfs: shard 2/3 is missing (no results of it were given)"),
                r.problems());
    }

    @Test
    void aTestThatPassedAndFailedIsFlakyOnThePage() throws Exception {
        shard("run1", 1, List.of("generic/708"), true, Status.PASS);
        shard("run2", 1, List.of("generic/708"), true, Status.FAIL);
        shard("run3", 1, List.of("generic/708"), true, Status.PASS);
        merge("run1", "run2", "run3");
        Path out = tmp.resolve("out");
        String page = HtmlReport.of(out, Triage.withDefaults().run(out)).render();
        assertTrue(page.contains("class=\"flaky\""), page);
        assertTrue(page.contains("flaky 33% of 3"), page);
        assertTrue(page.contains("<th class=\"config\">btrfs</th>"), page);
        assertTrue(page.contains("<pre class=\"diff\">--- a\n+++ b\n-x\n+y\n</pre>"), page);
    }

    @Test
    void labelsKeepHostsApart() throws Exception {
        shard("hostA", 1, List.of("generic/250"), true, Status.PASS);
        shard("hostB", 1, List.of("generic/250"), true, Status.FAIL);
        Merge.Report r = new Merge(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .merge(tmp.resolve("out"), List.of("a=" + tmp.resolve("hostA"), "b=" + tmp.resolve("hostB")));
        assertEquals(List.of("a/btrfs", "b/btrfs"), List.copyOf(r.configurations().keySet()));
        assertEquals(Status.FAIL, r.configurations().get("b/btrfs").get("generic/250").status());
    }
}
