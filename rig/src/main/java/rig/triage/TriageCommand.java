package rig.triage;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import rig.triage.format.Format;
import rig.triage.known.Baseline;
import rig.triage.known.KnownSignatures;
import rig.triage.score.CorpusScore;

/**
 * {@code rig triage [--json|--markdown] [--baseline FILE] [--known FILE] [INPUT...]}: failure logs to
 * named signatures. Exit 0: nothing unexpected; 1: NEW signatures; 2: unreadable input (one-line cause).
 */
@Command(name = "triage", mixinStandardHelpOptions = true,
        description = {"Read a results directory (one run or a CI matrix tree), result.xml, a dmesg, a console log or a"
                + " sysrq dump, and print failure signatures: kind, culprit, tests and configurations affected,"
                + " evidence, and a known-fix hint.",
            "Exit status: 0 nothing unexpected, 1 new signatures found, 2 unreadable input."},
        exitCodeOnInvalidInput = 2)
public final class TriageCommand implements Callable<Integer> {
    @Parameters(paramLabel = "INPUT", description = "results directory, log file, result.xml, or - for stdin (default: stdin)")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--json", description = "JSON for CI bots")
    boolean json;

    @Option(names = "--markdown", description = "Markdown to paste into a report")
    boolean markdown;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "known failures (a previous --json output, or one title per line): label NEW / KNOWN / FIXED")
    Path baseline;

    @Option(names = "--known", paramLabel = "FILE", description = "extra known-signature rows (same TSV format as the shipped table)")
    Path known;

    @Option(names = "--write-baseline", paramLabel = "FILE", description = "write the titles of this run's failures as a baseline")
    Path writeBaseline;

    @Option(names = "--score", paramLabel = "DIR",
            description = "score triage against a corpus in syzkaller's report testdata format (TITLE:/TYPE: headers, then"
                    + " the log): culprit, kind and title matches per crash type, false positives")
    Path score;

    @Option(names = "--show-misses", description = "with --score: list every case that missed")
    boolean showMisses;

    PrintStream out = System.out;
    PrintStream err = System.err;

    @Override
    public Integer call() {
        if (json && markdown) {
            err.println("rig triage: --json and --markdown exclude each other; pick one");
            return 2;
        }
        if (score != null) {
            return score();
        }
        if (inputs.isEmpty() && System.console() != null) {
            err.println("rig triage: no input; pass a results directory, a log file, or - to read a log from stdin");
            return 2;
        }
        try {
            Triage t = Triage.withDefaults();
            if (known != null) {
                t.known(KnownSignatures.load(known));
            }
            if (baseline != null) {
                t.baseline(Baseline.load(baseline));
            }
            TriageResult r = t.run(inputs, System.in);
            r.warnings().forEach(w -> err.println("rig triage: skipped " + w));
            Format f = json ? Format.json() : markdown ? Format.markdown() : Format.text();
            out.print(f.render(r));
            out.flush();
            if (writeBaseline != null) {
                Files.writeString(writeBaseline, Baseline.format(r.signatures()), StandardCharsets.UTF_8);
            }
            return r.exitStatus();
        } catch (UnreadableInputException e) {
            err.println("rig triage: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("rig triage: cannot write " + writeBaseline + " (" + e.getMessage() + "); pick a writable path");
            return 2;
        }
    }

    private int score() {
        if (!Files.isDirectory(score)) {
            err.println("rig triage: --score " + score + ": not a directory; pass a directory of syzkaller-format report files");
            return 2;
        }
        try {
            CorpusScore s = CorpusScore.run(score);
            s.print(out, showMisses);
            return 0;
        } catch (IOException e) {
            err.println("rig triage: --score " + score + ": cannot read (" + e.getMessage() + "); check the directory");
            return 2;
        }
    }
}
