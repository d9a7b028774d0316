package rig.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import rig.checkers.kmsg.KernelLogRules;
import rig.results.Status;
import rig.results.Verdict;
import rig.triage.Signature;
import rig.triage.TriageResult;

/**
 * {@code rig report html DIR}: one static page (no server, no external file) of a results tree: a
 * matrix of tests by configurations, each cell pass (with its duration), FAIL, not run or flaky
 * (fail % over the runs a merge kept); a failure opens its message, the transcript's diff, the
 * kernel log lines that matter and its triage signature with NEW, KNOWN or FIXED (against a
 * baseline when one is given). Signatures of the baseline not seen are listed as FIXED.
 */
final class HtmlReport {

    private static final int KERNEL_LINES = 40;

    /** One cell: a test in a configuration. */
    record Cell(Verdict verdict, List<Verdict> history, Path seqres) {
        String state() {
            long fails = history.stream().filter(v -> v.status() == Status.FAIL).count();
            if (history.size() > 1 && fails > 0 && fails < history.size()) {
                return "flaky";
            }
            return switch (verdict.status()) {
                case PASS -> "pass";
                case FAIL -> "fail";
                case NOTRUN -> "notrun";
                default -> "other";
            };
        }
    }

    private final Map<String, Map<String, Cell>> matrix = new LinkedHashMap<>();
    private final TreeSet<String> tests = new TreeSet<>();
    private final TriageResult triage;

    private HtmlReport(TriageResult triage) {
        this.triage = triage;
    }

    /** Reads the tree under {@code root} (verdicts, histories, kernel logs) and its triage. */
    static HtmlReport of(Path root, TriageResult triage) throws IOException {
        HtmlReport r = new HtmlReport(triage);
        for (RunDir run : RunDir.find(root, "")) {
            Map<String, Cell> cells = r.matrix.computeIfAbsent(run.configuration(), c -> new LinkedHashMap<>());
            for (Verdict v : run.verdicts().values()) {
                Path seqres = run.dir().resolve(v.id());
                List<Verdict> history = History.read(seqres);
                cells.put(v.id(), new Cell(v, history.isEmpty() ? List.of(v) : history, seqres));
                r.tests.add(v.id());
            }
        }
        return r;
    }

    String render() throws IOException {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>rig results</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:1em}table{border-collapse:collapse}")
                .append("th,td{border:1px solid #999;padding:3px 6px;vertical-align:top;font-size:13px}")
                .append(".pass{background:#cfc}.fail{background:#fbb}.notrun{background:#eee;color:#666}")
                .append(".flaky{background:#fd9}.NEW{color:#b00;font-weight:bold}.KNOWN{color:#555}.FIXED{color:#070}")
                .append("pre{max-width:70em;overflow:auto;font-size:12px;background:#f8f8f8}\n</style></head><body>\n");
        b.append("<h1>rig results</h1>\n<p id=\"summary\">").append(tests.size()).append(" tests, ")
                .append(matrix.size()).append(" configurations, ").append(count("fail")).append(" failed, ")
                .append(count("flaky")).append(" flaky, ").append(count("notrun")).append(" not run</p>\n");
        b.append("<table id=\"matrix\"><thead><tr><th>test</th>");
        for (String config : matrix.keySet()) {
            b.append("<th class=\"config\">").append(esc(config)).append("</th>");
        }
        b.append("</tr></thead><tbody>\n");
        for (String test : tests) {
            b.append("<tr><th class=\"test\">").append(esc(test)).append("</th>");
            for (var e : matrix.entrySet()) {
                cell(b, e.getKey(), e.getValue().get(test));
            }
            b.append("</tr>\n");
        }
        b.append("</tbody></table>\n");
        signatures(b);
        return b.append("</body></html>\n").toString();
    }

    private long count(String state) {
        return matrix.values().stream().flatMap(m -> m.values().stream()).filter(c -> c.state().equals(state)).count();
    }

    private void cell(StringBuilder b, String config, Cell c) throws IOException {
        if (c == null) {
            b.append("<td class=\"none\">-</td>");
            return;
        }
        String state = c.state();
        b.append("<td class=\"").append(state).append("\" data-config=\"").append(esc(config)).append("\" data-test=\"")
                .append(esc(c.verdict().id())).append("\">");
        switch (state) {
            case "pass" -> b.append("pass ").append(c.verdict().seconds()).append("s");
            case "notrun" -> b.append("<span title=\"").append(esc(nz(c.verdict().message()))).append("\">not run</span>");
            case "flaky" -> {
                long fails = c.history().stream().filter(v -> v.status() == Status.FAIL).count();
                b.append("flaky ").append(Math.round(100.0 * fails / c.history().size())).append("% of ")
                        .append(c.history().size());
                Verdict lastFailure = c.history().stream().filter(v -> v.status() == Status.FAIL)
                        .reduce((a, z) -> z).orElseThrow();
                failure(b, config, lastFailure, c.seqres());
            }
            default -> {
                b.append("FAIL ").append(c.verdict().seconds()).append("s");
                failure(b, config, c.verdict(), c.seqres());
            }
        }
        b.append("</td>");
    }

    private void failure(StringBuilder b, String config, Verdict v, Path seqres) throws IOException {
        b.append("<details><summary>").append(esc(v.failure() == null ? "why" : v.failure().name().toLowerCase()))
                .append("</summary><p class=\"message\">").append(esc(nz(v.message()))).append("</p>");
        for (Signature s : signaturesOf(config, v.id())) {
            b.append("<p class=\"signature ").append(s.status()).append("\">").append(s.status()).append(": ")
                    .append(esc(s.title())).append("</p>");
        }
        if (v.diff() != null && !v.diff().isBlank()) {
            b.append("<pre class=\"diff\">").append(esc(v.diff())).append("</pre>");
        }
        List<String> kernel = kernelExcerpt(Path.of(seqres + ".dmesg"));
        if (!kernel.isEmpty()) {
            b.append("<pre class=\"kernel-log\">").append(esc(String.join("\n", kernel))).append("</pre>");
        }
        b.append("</details>");
    }

    /** The lines of NNN.dmesg that fail a test, else its first lines. */
    static List<String> kernelExcerpt(Path dmesg) throws IOException {
        if (!Files.isRegularFile(dmesg)) {
            return List.of();
        }
        List<String> all = Files.readAllLines(dmesg);
        List<String> bad = new KernelLogRules().failures(all);
        List<String> pick = bad.isEmpty() ? all : bad;
        return pick.subList(0, Math.min(KERNEL_LINES, pick.size()));
    }

    private List<Signature> signaturesOf(String config, String test) {
        List<Signature> out = new ArrayList<>();
        for (Signature s : triage.signatures()) {
            if (s.tests().contains(test) && (s.configurations().contains(config) || s.configurations().isEmpty())) {
                out.add(s);
            }
        }
        return out;
    }

    private void signatures(StringBuilder b) {
        b.append("<h2>Signatures</h2>\n<table id=\"signatures\"><thead><tr><th>status</th><th>title</th><th>count</th>")
                .append("<th>tests</th><th>configurations</th></tr></thead><tbody>\n");
        for (Signature s : triage.signatures()) {
            b.append("<tr><td class=\"").append(s.status()).append("\">").append(s.status()).append("</td><td>")
                    .append(esc(s.title())).append("</td><td>").append(s.count()).append("</td><td>")
                    .append(esc(String.join(" ", s.tests()))).append("</td><td>")
                    .append(esc(String.join(" ", s.configurations()))).append("</td></tr>\n");
        }
        b.append("</tbody></table>\n");
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }
}
