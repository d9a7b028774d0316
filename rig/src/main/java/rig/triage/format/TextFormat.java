package rig.triage.format;

import rig.triage.Signature;
import rig.triage.Status;
import rig.triage.TriageResult;

/** One block per signature, for people. */
final class TextFormat implements Format {
    @Override
    public String render(TriageResult r) {
        StringBuilder b = new StringBuilder();
        for (Signature s : r.signatures()) {
            b.append(s.status()).append("  ").append(s.title()).append('\n');
            if (s.status() == Status.FIXED) {
                b.append("  not seen in this input (in the baseline)\n\n");
                continue;
            }
            field(b, "kind", s.kind().label());
            field(b, "culprit", s.culprit() == null ? "-" : s.culprit());
            field(b, "count", Integer.toString(s.count()));
            if (!s.tests().isEmpty()) {
                field(b, "tests", String.join(", ", s.tests()));
            }
            field(b, "configs", Format.configs(s.configurations()));
            if (s.known() != null) {
                field(b, "known", s.known().describe());
            }
            b.append("  evidence:\n");
            for (String e : s.evidence()) {
                b.append("    ").append(e).append('\n');
            }
            b.append('\n');
        }
        b.append(Format.summary(r)).append('\n');
        return b.toString();
    }

    private static void field(StringBuilder b, String name, String value) {
        b.append("  ").append(name).append(':').append(" ".repeat(Math.max(1, 9 - name.length()))).append(value).append('\n');
    }
}
