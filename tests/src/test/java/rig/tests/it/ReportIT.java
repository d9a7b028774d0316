package rig.tests.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rig.sys.Exec;

/**
 * Black box: three shards of a run, merged, equal the unsharded run (same tests, same verdicts);
 * a merge without one shard says so; the merged tree's HTML page, loaded in headless Chromium,
 * shows every test and configuration (its screenshot is kept in tests/target/report-it.png).
 */
class ReportIT {
    private static final String[] SELECTION = {"-s", "btrfs", "-g", "quick"};
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @BeforeEach
    void needsRoot() throws Exception {
        assumeTrue(Cli.root(), "./check creates loop devices and mounts: run the ITs as root");
    }

    @Test
    void threeShardsMergedEqualOneRunAndThePageShowsThem() throws Exception {
        Exec.Result whole = Cli.checkAsIs(tmp.resolve("whole"), Map.of(), SELECTION);
        assertEquals(0, whole.exitCode(), Cli.describe(whole));
        for (int k = 1; k <= 3; k++) {
            String[] args = Stream.concat(Stream.of(SELECTION), Stream.of("--shard", k + "/3")).toArray(String[]::new);
            Exec.Result part = Cli.checkAsIs(tmp.resolve("shard" + k), Map.of(), args);
            assertEquals(0, part.exitCode(), "shard " + k + "/3:\n" + Cli.describe(part));
        }
        Exec.Result merge = Cli.rig("report", "merge", tmp.resolve("merged").toString(), tmp.resolve("shard1").toString(),
                tmp.resolve("shard2").toString(), tmp.resolve("shard3").toString());
        assertEquals(0, merge.exitCode(), Cli.describe(merge));
        assertEquals(verdicts(tmp.resolve("whole/btrfs")), verdicts(tmp.resolve("merged/btrfs")),
                "the merged shards ran the same tests with the same verdicts");
        assertTrue(Files.readString(tmp.resolve("merged/btrfs/result.xml")).contains("<testcase"), "one result.xml");

        Exec.Result partial = Cli.rig("report", "merge", tmp.resolve("partial").toString(), tmp.resolve("shard1").toString(),
                tmp.resolve("shard3").toString());
        assertEquals(1, partial.exitCode(), Cli.describe(partial));
        assertTrue(partial.stdout().contains("problem: btrfs: shard 2/3 is missing"), partial.stdout());

        Exec.Result html = Cli.rig("report", "html", tmp.resolve("merged").toString());
        assertEquals(0, html.exitCode(), Cli.describe(html));
        Path page = tmp.resolve("merged/index.html");
        assertTrue(Files.isRegularFile(page));
        String dom = chromium("--dump-dom", page);
        for (String test : verdicts(tmp.resolve("whole/btrfs")).keySet()) {
            assertTrue(dom.contains("<th class=\"test\">" + test + "</th>"), test + " in the page:\n" + dom);
        }
        assertTrue(dom.contains("<th class=\"config\">btrfs</th>"), dom);
        Path shot = Path.of("target", "report-it.png").toAbsolutePath();
        chromium("--screenshot=" + shot, page);
        assertTrue(Files.size(shot) > 1000, "a screenshot of the page: " + shot);
    }

    /**
     * ./check -j 2 gives the verdicts of ./check: two runners, each on devices of its own, one
     * check.log and result.xml for the section, one worker log per runner.
     */
    @Test
    void twoRunnersGiveTheVerdictsOfOne() throws Exception {
        Exec.Result one = Cli.checkAsIs(tmp.resolve("one"), Map.of(), SELECTION);
        assertEquals(0, one.exitCode(), Cli.describe(one));
        String[] args = Stream.concat(Stream.of("-j", "2", "-R", "xunit"), Stream.of(SELECTION)).toArray(String[]::new);
        Exec.Result two = Cli.checkAsIs(tmp.resolve("two"), Map.of(), args);
        assertEquals(0, two.exitCode(), Cli.describe(two));
        assertEquals(verdicts(tmp.resolve("one/btrfs")), verdicts(tmp.resolve("two/btrfs")));
        String log = Files.readString(tmp.resolve("two/btrfs/check.log"));
        assertEquals(1, log.lines().filter(l -> l.startsWith("Ran: ")).count(), log);
        assertTrue(Files.readString(tmp.resolve("two/btrfs/result.xml")).contains("<testcase"), "one result.xml");
        assertTrue(Files.isRegularFile(tmp.resolve("two/btrfs/worker-1.log")), "the second runner's worker log");
    }

    /** test id -> status of every NNN.outcome under a configuration's results directory. */
    private static Map<String, String> verdicts(Path dir) throws Exception {
        Map<String, String> v = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) walk.filter(p -> p.toString().endsWith(".outcome"))::iterator) {
                var node = JSON.readTree(f.toFile());
                v.put(node.get("id").asText(), node.get("status").asText());
            }
        }
        return v;
    }

    /** Headless Chromium on the page (as root it needs --no-sandbox); its stdout. */
    private static String chromium(String what, Path page) throws Exception {
        assumeTrue(Exec.onPath("chromium"), "no chromium: bin/setup report installs Debian's chromium");
        Exec.Result r = Exec.run(Duration.ofMinutes(2), null, Map.of(), List.of("chromium", "--headless", "--no-sandbox",
                "--disable-gpu", "--window-size=1400,900", what, page.toUri().toString()));
        assertEquals(0, r.exitCode(), r.output());
        return r.stdout();
    }
}
