package rig.triage.log;

import java.util.ArrayList;
import java.util.List;
import rig.triage.Kind;
import rig.triage.oops.HungTaskCulprit;

/**
 * Turns a dump of blocked tasks (sysrq-w, rig's sampler) into a finding titled as syzkaller titles a hung
 * task: the task the others wait on names it (by syzkaller's hung-task rule), else the first filesystem
 * frame of a task, else the first frame that is not plumbing.
 */
final class ReportFindings {
    private static final int MAX_EVIDENCE = 10;
    private static final int FRAMES_AFTER_CULPRIT = 2;
    private static final int OTHER_TASKS = 3;

    private final CulpritRules rules;

    ReportFindings(CulpritRules rules) {
        this.rules = rules;
    }

    /** The finding, or null when the dump shows no task still blocked. */
    Finding of(Report r) {
        List<Report.Task> blocked = r.tasks.stream().filter(t -> !t.wokeUp).toList();
        if (blocked.isEmpty()) {
            return null;
        }
        List<Report.Task> withFrames = blocked.stream().filter(t -> !t.frames.isEmpty()).toList();
        if (withFrames.isEmpty()) {
            return finding(r, Kind.HUNG_TASK, null, blocked.get(0), -1, List.of());
        }
        int k = rules.waitedOn(withFrames.stream().map(t -> t.frames).toList());
        Report.Task chosen = k < 0 ? null : withFrames.get(k);
        Frame f = chosen == null ? null : hungTaskFrame(chosen);
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
        Kind kind = rules.waitsForOrderedExtents(chosen.frames) ? Kind.HUNG_ORDERED_EXTENT : Kind.HUNG_TASK;
        List<Report.Task> others = new ArrayList<>(withFrames);
        others.remove(chosen);
        return finding(r, kind, f == null ? null : f.function(), chosen, f == null ? -1 : chosen.frames.indexOf(f), others);
    }

    /** The frame syzkaller's hung-task rule names in a task's stack, else the first that explains it. */
    private Frame hungTaskFrame(Report.Task t) {
        String name = HungTaskCulprit.of(t.frames.stream().filter(Frame::reliable).map(Frame::function).toList());
        for (Frame fr : t.frames) {
            if (fr.reliable() && (fr.function().equals(name) || (name != null && fr.function().endsWith(name)))) {
                return fr;
            }
        }
        return rules.firstExplaining(t.frames);
    }

    private Finding finding(Report r, Kind kind, String culprit, Report.Task t, int culpritIndex, List<Report.Task> others) {
        List<String> ev = new ArrayList<>(r.headerLines);
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
        String title = culprit == null ? r.header.label() : r.header.label() + " in " + culprit;
        return Finding.report(kind, title, "HANG", culprit, List.copyOf(ev.subList(0, Math.min(ev.size(), MAX_EVIDENCE))));
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
}
