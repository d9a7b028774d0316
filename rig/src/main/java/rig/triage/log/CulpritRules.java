package rig.triage.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import rig.triage.ShippedTables;

/**
 * Which frames explain a failure: plumbing (scheduler, locking, waiting, workqueue, entry, report
 * machinery) is skipped; a task that others wait on is preferred; ordered-extent waits make a hang a
 * hung ordered extent. The rules are data: {@code rig/triage/culprit-rules.txt}.
 */
public final class CulpritRules {
    /** Filesystem modules: a frame of these modules is filesystem code. */
    private static final Set<String> FS_MODULES = Set.of("btrfs", "xfs", "ext4", "jbd2", "ext2", "f2fs", "nfs", "fuse");

    private final Pattern plumbing;
    private final List<Pattern[]> waitsOn;
    private final Pattern orderedExtentWaits;
    private final Pattern filesystem;

    private CulpritRules(Pattern plumbing, List<Pattern[]> waitsOn, Pattern oe, Pattern fs) {
        this.plumbing = plumbing;
        this.waitsOn = waitsOn;
        this.orderedExtentWaits = oe;
        this.filesystem = fs;
    }

    private static final class Holder {
        static final CulpritRules DEFAULT = load();
    }

    /** The rules shipped with rig. */
    public static CulpritRules defaults() {
        return Holder.DEFAULT;
    }

    public boolean isPlumbing(Frame f) {
        return plumbing.matcher(f.function()).matches();
    }

    public boolean isFilesystem(Frame f) {
        return (f.module() != null && FS_MODULES.contains(f.module())) || filesystem.matcher(f.function()).matches();
    }

    public boolean isOrderedExtentWait(String function) {
        return function != null && orderedExtentWaits.matcher(function).matches();
    }

    /** Whether a stack waits for ordered extents: a hang there is a hung ordered extent. */
    public boolean waitsForOrderedExtents(List<Frame> frames) {
        return frames.stream().anyMatch(f -> f.reliable() && isOrderedExtentWait(f.function()));
    }

    /** The first reliable frame that is not plumbing, or null. */
    public Frame firstExplaining(List<Frame> frames) {
        for (Frame f : frames) {
            if (f.reliable() && !isPlumbing(f)) {
                return f;
            }
        }
        return null;
    }

    /** The first reliable filesystem frame that is not plumbing, or null. */
    public Frame firstFilesystem(List<Frame> frames) {
        for (Frame f : frames) {
            if (f.reliable() && !isPlumbing(f) && isFilesystem(f)) {
                return f;
            }
        }
        return null;
    }

    /** True if a task with {@code waiter} frames waits on a task with {@code waited} frames. */
    public boolean waitsOn(List<Frame> waiter, List<Frame> waited) {
        for (Pattern[] rule : waitsOn) {
            if (any(waiter, rule[0]) && any(waited, rule[1])) {
                return true;
            }
        }
        return false;
    }

    /**
     * Of several blocked tasks' stacks, the one that another waits on and that waits on none itself; else
     * the first one waited on; -1 when no task waits on another.
     */
    public int waitedOn(List<List<Frame>> stacks) {
        int fallback = -1;
        for (int t = 0; t < stacks.size(); t++) {
            boolean waitedOn = false;
            boolean waits = false;
            for (int o = 0; o < stacks.size(); o++) {
                if (o != t) {
                    waitedOn |= waitsOn(stacks.get(o), stacks.get(t));
                    waits |= waitsOn(stacks.get(t), stacks.get(o));
                }
            }
            if (waitedOn && !waits) {
                return t;
            }
            if (waitedOn && fallback < 0) {
                fallback = t;
            }
        }
        return fallback;
    }

    private static boolean any(List<Frame> frames, Pattern p) {
        for (Frame f : frames) {
            if (f.reliable() && p.matcher(f.function()).matches()) {
                return true;
            }
        }
        return false;
    }

    static CulpritRules load() {
        return parse(ShippedTables.lines("/rig/triage/culprit-rules.txt"));
    }

    static CulpritRules parse(List<String> lines) {
        List<String> plumbing = new ArrayList<>();
        List<Pattern[]> waits = new ArrayList<>();
        List<String> oe = new ArrayList<>();
        List<String> fs = new ArrayList<>();
        String section = "";
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                section = line;
                continue;
            }
            String[] cols = line.split("\t+");
            switch (section) {
                case "[plumbing]" -> plumbing.add(cols[cols.length - 1]);
                case "[waits-on]" -> waits.add(new Pattern[] {Pattern.compile(cols[0]), Pattern.compile(cols[1])});
                case "[ordered-extent-waits]" -> oe.add(cols[0]);
                case "[filesystem]" -> fs.add(cols[0]);
                default -> throw new IllegalArgumentException("culprit rules: line outside a known section: " + line);
            }
        }
        return new CulpritRules(alt(plumbing), List.copyOf(waits), alt(oe), alt(fs));
    }

    private static Pattern alt(List<String> parts) {
        return Pattern.compile(parts.isEmpty() ? "(?!)" : "(?:" + String.join(")|(?:", parts) + ")");
    }
}
