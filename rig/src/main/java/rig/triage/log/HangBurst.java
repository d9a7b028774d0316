package rig.triage.log;

import java.util.ArrayList;
import java.util.List;
import rig.triage.Kind;
import rig.triage.oops.CrashTypes;
import rig.triage.oops.HungTaskCulprit;
import rig.triage.oops.OopsReport;

/**
 * Turns titled reports into findings. Consecutive hung-task reports (one burst of the detector) are one
 * failure: syzkaller names the first report's task, but when the others wait on one of them (a sync that
 * waits for ordered extents that a worker is stuck finishing; see {@code culprit-rules.txt}, [waits-on])
 * that task names it. A hang whose named stack waits for ordered extents is a hung ordered extent.
 */
final class HangBurst {
    private static final String HUNG = "INFO: task hung in ";
    private static final int MAX_EVIDENCE = 10;
    private static final int FRAMES_AFTER_CULPRIT = 2;
    private static final int OTHER_TASKS = 3;
    /** A hung-task report prints its task line ("task:umount state:D ...") right after the header. */
    private static final int TASK_LINE_WITHIN = 8;

    private final CulpritRules rules;
    private final FindingSink sink;
    private final List<OopsReport> burst = new ArrayList<>();

    HangBurst(CulpritRules rules, FindingSink sink) {
        this.rules = rules;
        this.sink = sink;
    }

    void report(OopsReport r) {
        if (r.title().startsWith(HUNG)) {
            burst.add(r);
            return;
        }
        flush();
        sink.accept(finding(r, r.title(), r.culprit(), List.of()));
    }

    void flush() {
        if (burst.isEmpty()) {
            return;
        }
        List<List<Frame>> stacks = burst.stream().map(HangBurst::stack).toList();
        int k = rules.waitedOn(stacks);
        OopsReport chosen = burst.get(Math.max(k, 0));
        String culprit = chosen.culprit();
        String title = chosen.title();
        if (k > 0) {
            List<String> names = stacks.get(k).stream().filter(Frame::reliable).map(Frame::function).toList();
            String c = HungTaskCulprit.of(names);
            if (c != null) {
                culprit = c;
                title = HUNG + c;
            }
        }
        List<OopsReport> others = new ArrayList<>(burst);
        others.remove(chosen);
        boolean oe = rules.waitsForOrderedExtents(stacks.get(Math.max(k, 0)));
        Finding f = finding(chosen, title, culprit, others);
        burst.clear();
        sink.accept(oe ? new Finding(Kind.HUNG_ORDERED_EXTENT, f.label(), f.culprit(), f.evidence(), false, f.type()) : f);
    }

    private Finding finding(OopsReport r, String title, String culprit, List<OopsReport> others) {
        List<String> ev = new ArrayList<>();
        ev.add(evidence(r.lines().get(0)));
        r.lines().stream().limit(TASK_LINE_WITHIN).filter(l -> Report.isTaskLine(l.text())).findFirst()
                .ifPresent(l -> ev.add(evidence(l)));
        addFrames(ev, r, culprit);
        for (int i = 0; i < others.size() && i < OTHER_TASKS && ev.size() < MAX_EVIDENCE; i++) {
            ev.add(evidence(others.get(i).lines().get(0)));
        }
        return Finding.report(CrashTypes.kind(title), title, CrashTypes.type(title), culprit, List.copyOf(ev));
    }

    /**
     * The line naming the culprit (a frame, or the RIP) and the next frames; a line holding several frames
     * (a flattened log) gives them one by one.
     */
    private static void addFrames(List<String> ev, OopsReport r, String culprit) {
        if (culprit == null) {
            return;
        }
        List<Frame> found = new ArrayList<>(4);
        int added = -1;
        for (int i = 1; i < r.lines().size() && added < FRAMES_AFTER_CULPRIT; i++) {
            OopsReport.Line line = r.lines().get(i);
            found.clear();
            if (!Frames.parse(line.text(), found) && Frames.rip(line.text()) == null) {
                continue;
            }
            if (found.size() <= 1) {
                if (added >= 0 || line.text().contains(culprit)) {
                    ev.add(evidence(line));
                    added++;
                }
                continue;
            }
            for (Frame f : found) {
                if (added >= 0 || f.function().equals(culprit)) {
                    if (added < FRAMES_AFTER_CULPRIT) {
                        ev.add(f.text());
                    }
                    added++;
                }
            }
        }
    }

    private static String evidence(OopsReport.Line l) {
        return Evidence.line(l.stamp(), l.text());
    }

    /**
     * The frames of a hung-task report's own stack: up to the next report's header (a report read with
     * caller ids goes on with its caller's lines, which may be the next hung task's).
     */
    private static List<Frame> stack(OopsReport r) {
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < r.lines().size(); i++) {
            String text = r.lines().get(i).text();
            if (i > 0 && text.contains("INFO: task ")) {
                break;
            }
            Frames.parse(text, frames);
        }
        return frames;
    }
}
