package rig.triage.format;

import rig.triage.Signature;
import rig.triage.Status;
import rig.triage.TriageResult;

/** Markdown to paste into a report or a CI comment. */
final class MarkdownFormat implements Format {
    @Override
    public String render(TriageResult r) {
        StringBuilder b = new StringBuilder("## rig triage\n\n").append(Format.summary(r)).append("\n\n");
        b.append("| status | signature | kind | count | tests | configs | known |\n");
        b.append("| --- | --- | --- | --- | --- | --- | --- |\n");
        for (Signature s : r.signatures()) {
            b.append("| ").append(s.status()).append(" | ").append(cell(s.title())).append(" | ")
                    .append(s.kind() == null ? "" : s.kind().label()).append(" | ").append(s.count()).append(" | ")
                    .append(cell(String.join(", ", s.tests()))).append(" | ").append(cell(Format.configs(s.configurations())))
                    .append(" | ").append(s.known() == null ? "" : cell(s.known().describe())).append(" |\n");
        }
        for (Signature s : r.signatures()) {
            if (s.status() == Status.FIXED) {
                continue;
            }
            b.append("\n### ").append(s.status()).append(": ").append(cell(s.title())).append("\n\n");
            b.append("- culprit: `").append(s.culprit() == null ? "-" : s.culprit()).append("`\n");
            if (s.known() != null) {
                b.append("- known: ").append(cell(s.known().describe())).append('\n');
            }
            b.append("\n```\n");
            s.evidence().forEach(e -> b.append(e.replace("```", "'''")).append('\n'));
            b.append("```\n");
        }
        return b.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
