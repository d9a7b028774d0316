package rig.triage.format;

import rig.triage.TriageResult;

/** How a triage result is printed. */
public interface Format {
    String render(TriageResult result);

    static Format text() {
        return new TextFormat();
    }

    static Format json() {
        return new JsonFormat();
    }

    static Format markdown() {
        return new MarkdownFormat();
    }

    /** "3 signatures: 1 new, 1 known, 1 expected, 0 fixed". */
    static String summary(TriageResult r) {
        int n = (int) r.signatures().stream().filter(s -> s.status() != rig.triage.Status.FIXED).count();
        return n + (n == 1 ? " signature" : " signatures") + ": " + r.count(rig.triage.Status.NEW) + " new, "
                + r.count(rig.triage.Status.KNOWN) + " known, " + r.count(rig.triage.Status.EXPECTED) + " expected, "
                + r.count(rig.triage.Status.FIXED) + " fixed (" + r.filesRead() + (r.filesRead() == 1 ? " input)" : " inputs)");
    }

    static String configs(java.util.List<String> configs) {
        return String.join(", ", configs.stream().map(c -> c.isEmpty() ? "(default)" : c).toList());
    }
}
