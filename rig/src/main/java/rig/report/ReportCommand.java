package rig.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import rig.config.UserInputException;
import rig.triage.Triage;
import rig.triage.known.Baseline;

/** {@code rig report merge OUT DIR...} and {@code rig report html DIR}: CI matrix results in one tree and one page. */
@Command(name = "report", mixinStandardHelpOptions = true, subcommands = {ReportCommand.MergeCommand.class,
        ReportCommand.HtmlCommand.class},
        description = "Merge results trees (shards, sections, kernels, userlands, hosts) and render them as one page.")
public final class ReportCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new UserInputException("rig report needs merge or html: rig report merge OUT DIR..., rig report html DIR");
    }

    /** Exit status 0 when every shard is accounted for, 1 when one is missing or crashed. */
    @Command(name = "merge", mixinStandardHelpOptions = true,
            description = "Merge results trees into OUT: one directory, result.xml and check.log per configuration."
                    + " A tree given as LABEL=DIR has LABEL in front of its configurations (a kernel, a host).")
    static final class MergeCommand implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "OUT", description = "the merged tree (created)")
        Path out;

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "DIR", description = "results trees ([LABEL=]DIR)")
        List<String> inputs = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            Merge m = new Merge(System.out);
            Merge.Report r = m.merge(out, inputs);
            m.print(r);
            return r.problems().isEmpty() ? 0 : 1;
        }
    }

    /** Writes DIR/index.html (or -o FILE) and prints its path. */
    @Command(name = "html", mixinStandardHelpOptions = true,
            description = "One static HTML page of a results tree: tests x configurations, failures with diff,"
                    + " kernel log and triage signature, NEW/KNOWN/FIXED against --baseline.")
    static final class HtmlCommand implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR", description = "a results tree (one run or a merged one)")
        Path dir;

        @Option(names = "-o", paramLabel = "FILE", description = "where to write the page (default: DIR/index.html)")
        Path output;

        @Option(names = "--baseline", paramLabel = "FILE", description = "signatures known before (rig triage --json output or titles)")
        Path baseline;

        @Override
        public Integer call() throws Exception {
            if (!Files.isDirectory(dir)) {
                throw new UserInputException("report html: " + dir + " is not a directory; give a results tree");
            }
            Triage triage = Triage.withDefaults();
            if (baseline != null) {
                triage = triage.baseline(Baseline.load(baseline));
            }
            String page = HtmlReport.of(dir, triage.run(dir)).render();
            Path file = output != null ? output : dir.resolve("index.html");
            Files.writeString(file, page);
            System.out.println(file);
            return 0;
        }
    }
}
