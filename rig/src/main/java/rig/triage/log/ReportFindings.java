package rig.triage.log;

import java.util.ArrayList;
import java.util.List;
import rig.triage.Kind;

/** Turns a finished report into a finding: chooses the culprit, the kind and the evidence lines. */
final class ReportFindings {
    private static final int MAX_EVIDENCE = 10;
    private static final int FRAMES_AFTER_CULPRIT = 2;
    private static final int OTHER_TASKS = 3;

    private final CulpritRules rules;

    ReportFindings(CulpritRules rules) {
        this.rules = rules;
    }

    /** The finding, or null when the report shows no failure (a blocked-task dump with no task still blocked). */
    Finding of(Report r) {
        return switch (r.header.type()) {
            case SYSRQ_BLOCKED, HUNG_TASK -> hang(r);
            case LOCKDEP -> stackFinding(r, Kind.LOCKDEP, rules.firstExplaining(r.lockdepFrames()), r.tasks.get(0));
            case KASAN -> headerFirst(r, Kind.KASAN);
            case UBSAN -> stackFinding(r, Kind.UBSAN, rules.firstExplaining(r.tasks.get(0).frames), r.tasks.get(0));
            case WARNING, CUT_HERE -> headerFirst(r, Kind.WARNING);
            case BUG, OOPS -> ripFirst(r);
        };
    }

    private Finding headerFirst(Report r, Kind kind) {
        Report.Task t = r.tasks.get(0);
        if (r.header.culprit() != null) {
            return finding(r, kind, r.header.culprit(), t, indexOf(t, r.header.culprit()), List.of());
        }
        if (r.rip != null) {
            return finding(r, kind, r.rip, t, indexOf(t, r.rip), List.of());
        }
        return stackFinding(r, kind, rules.firstExplaining(t.frames), t);
    }

    private Finding ripFirst(Report r) {
        Report.Task t = r.tasks.get(0);
        if (r.rip != null && !rules.isPlumbing(new Frame(r.rip, null, true, r.rip))) {
            return finding(r, Kind.BUG, r.rip, t, indexOf(t, r.rip), List.of());
        }
        Frame f = rules.firstExplaining(t.frames);
        if (f == null && r.rip != null) {
            return finding(r, Kind.BUG, r.rip, t, -1, List.of());
        }
        return stackFinding(r, Kind.BUG, f, t);
    }

    private Finding stackFinding(Report r, Kind kind, Frame culprit, Report.Task t) {
        if (culprit == null) {
            return finding(r, kind, null, t, -1, List.of());
        }
        return finding(r, kind, culprit.function(), t, t.frames.indexOf(culprit), List.of());
    }

    /** Hung task / sysrq-w: the task the others wait on, else the first filesystem frame of the first task. */
    private Finding hang(Report r) {
        List<Report.Task> blocked = r.tasks.stream().filter(t -> !t.wokeUp).toList();
        if (blocked.isEmpty()) {
            return null;
        }
        List<Report.Task> withFrames = blocked.stream().filter(t -> !t.frames.isEmpty()).toList();
        if (withFrames.isEmpty()) {
            return finding(r, Kind.HUNG_TASK, null, blocked.get(0), -1, List.of());
        }
        Report.Task chosen = waitedOn(withFrames);
        Frame f = chosen == null ? null : rules.firstExplaining(chosen.frames);
        if (chosen == null) {
            for (Report.Task t : withFrames) {
                Frame fs = rules.firstFilesystem(t.frames);
                if (fs != null) {
                    chosen = t;
                    f = fs;
                    break;
                }
            }
        }
        if (chosen == null) {
            chosen = withFrames.get(0);
            f = rules.firstExplaining(chosen.frames);
        }
        Kind kind = chosen.frames.stream().anyMatch(x -> x.reliable() && rules.isOrderedExtentWait(x.function()))
                ? Kind.HUNG_ORDERED_EXTENT : Kind.HUNG_TASK;
        List<Report.Task> others = new ArrayList<>(withFrames);
        others.remove(chosen);
        return finding(r, kind, f == null ? null : f.function(), chosen, f == null ? -1 : chosen.frames.indexOf(f), others);
    }

    /** The task that another task waits on and that waits on none itself; else one that is waited on. */
    private Report.Task waitedOn(List<Report.Task> tasks) {
        Report.Task fallback = null;
        for (Report.Task t : tasks) {
            boolean waitedOn = false;
            boolean waits = false;
            for (Report.Task o : tasks) {
                if (o != t) {
                    waitedOn |= rules.waitsOn(o.frames, t.frames);
                    waits |= rules.waitsOn(t.frames, o.frames);
                }
            }
            if (waitedOn && !waits) {
                return t;
            }
            if (waitedOn && fallback == null) {
                fallback = t;
            }
        }
        return fallback;
    }

    private Finding finding(Report r, Kind kind, String culprit, Report.Task t, int culpritIndex, List<Report.Task> others) {
        List<String> ev = new ArrayList<>(r.headerLines);
        if (r.ripLine != null) {
            ev.add(r.ripLine);
        }
        if (t.line != null) {
            ev.add(t.line);
        }
        addFrames(ev, t, culpritIndex);
        for (int i = 0; i < others.size() && i < OTHER_TASKS && ev.size() < MAX_EVIDENCE - 1; i++) {
            Report.Task o = others.get(i);
            Frame f = rules.firstExplaining(o.frames);
            if (o.line != null) {
                ev.add(o.line);
            }
            if (f != null) {
                ev.add(o.frameLine(o.frames.indexOf(f)));
            }
        }
        return new Finding(kind, r.header.label(), culprit, List.copyOf(ev.subList(0, Math.min(ev.size(), MAX_EVIDENCE))));
    }

    /** The culprit frame and the next few frames that are not plumbing. */
    private void addFrames(List<String> ev, Report.Task t, int from) {
        if (from < 0) {
            from = 0;
            while (from < t.frames.size() && (!t.frames.get(from).reliable() || rules.isPlumbing(t.frames.get(from)))) {
                from++;
            }
        }
        int added = 0;
        for (int i = from; i < t.frames.size() && added <= FRAMES_AFTER_CULPRIT; i++) {
            Frame f = t.frames.get(i);
            if (i == from || (f.reliable() && !rules.isPlumbing(f))) {
                ev.add(t.frameLine(i));
                added++;
            }
        }
    }

    private static int indexOf(Report.Task t, String function) {
        for (int i = 0; i < t.frames.size(); i++) {
            if (t.frames.get(i).function().equals(function)) {
                return i;
            }
        }
        return -1;
    }
}
