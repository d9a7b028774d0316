package rig.checkers.oe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ordered extents of one test, from their trace events: which were added and are still
 * outstanding, and which ranges finished with IOERR. An ordered extent is keyed by (fsid, root,
 * inode, file offset) of its add; splits (whose event does not say where the cut is) are handled
 * by tracking the still-outstanding byte ranges of each extent and subtracting every removed
 * range of the same inode. Thread-safe: the trace reader feeds it while the checker reads it.
 */
public final class Ledger {

    /** (fsid, root, inode, file offset) as the add reported it. */
    public record Key(String fsid, long root, long ino, long fileOffset) {
    }

    record Inode(String fsid, long root, long ino) {
    }

    /** An added ordered extent and what became of it. */
    public static final class Entry {
        final Key key;
        final long len;
        final String addTask;
        final int addPid;
        final double addTime;
        final List<long[]> outstanding = new ArrayList<>();
        final List<String> raw = new ArrayList<>();
        long bytesLeft;
        String flags;
        String lastEvent;
        double lastTime;
        String waiter;
        int splits;

        Entry(OeEvent add) {
            key = new Key(add.fsid(), add.root(), add.ino(), add.fileOffset());
            len = add.len();
            addTask = add.task();
            addPid = add.pid();
            addTime = add.timestamp();
            outstanding.add(new long[] {add.fileOffset(), add.end()});
            update(add);
        }

        void update(OeEvent e) {
            if (e.bytesLeft() >= 0) {
                bytesLeft = e.bytesLeft();
                flags = e.flagText();
            }
            lastEvent = e.event();
            lastTime = e.timestamp();
            if (raw.size() < 16) {
                raw.add(e.raw());
            }
        }

        boolean contains(long off) {
            return outstanding.stream().anyMatch(r -> off >= r[0] && off < r[1]);
        }

        /** Removes [s, e) from the outstanding ranges; true when nothing is left. */
        boolean subtract(long s, long e) {
            List<long[]> out = new ArrayList<>();
            for (long[] r : outstanding) {
                if (r[1] <= s || r[0] >= e) {
                    out.add(r);
                    continue;
                }
                if (r[0] < s) {
                    out.add(new long[] {r[0], s});
                }
                if (r[1] > e) {
                    out.add(new long[] {e, r[1]});
                }
            }
            outstanding.clear();
            outstanding.addAll(out);
            return outstanding.isEmpty();
        }

        public Key key() {
            return key;
        }

        public long len() {
            return len;
        }

        public long bytesLeft() {
            return bytesLeft;
        }

        public String flags() {
            return flags;
        }

        public String addTask() {
            return addTask + ":" + addPid;
        }

        public double addTime() {
            return addTime;
        }

        public String lastEvent() {
            return lastEvent;
        }

        /** The task that waited on it (btrfs_ordered_extent_start), if any. */
        public String waiter() {
            return waiter;
        }

        public int splits() {
            return splits;
        }

        public List<long[]> outstanding() {
            return List.copyOf(outstanding);
        }

        public List<String> raw() {
            return List.copyOf(raw);
        }
    }

    /** A range that finished with an I/O error. */
    public record IoError(String fsid, long root, long ino, long start, long end, String task, String event, String raw) {
    }

    private final Map<Inode, List<Entry>> live = new LinkedHashMap<>();
    private final List<IoError> ioErrors = new ArrayList<>();
    private final Map<String, Integer> counts = new LinkedHashMap<>();
    /** Ordered extents added, by filesystem and by the flags they were added with (DIRECT, PREALLOC, ...). */
    private final Map<String, Map<String, Integer>> addedByFlags = new LinkedHashMap<>();
    private long events;
    private long inconsistencies;

    public synchronized void accept(OeEvent e) {
        events++;
        counts.merge(e.event(), 1, Integer::sum);
        Inode inode = new Inode(e.fsid(), e.root(), e.ino());
        List<Entry> entries = live.computeIfAbsent(inode, i -> new ArrayList<>());
        if (e.ioError()) {
            ioErrors.add(new IoError(e.fsid(), e.root(), e.ino(), e.fileOffset(), e.end(), e.task() + ":" + e.pid(),
                    e.event(), e.raw()));
        }
        switch (e.event()) {
            case OeEvent.ADD -> {
                addedByFlags.computeIfAbsent(e.fsid(), f -> new java.util.TreeMap<>()).merge(e.flagText(), 1, Integer::sum);
                // The kernel's ordered tree never overlaps: an overlap means a lost remove event.
                if (entries.removeIf(x -> x.subtract(e.fileOffset(), e.end()))) {
                    inconsistencies++;
                }
                entries.add(new Entry(e));
            }
            case OeEvent.REMOVE -> {
                for (Entry x : List.copyOf(entries)) {
                    if (x.subtract(e.fileOffset(), e.end())) {
                        entries.remove(x);
                    } else if (x.contains(e.fileOffset())) {
                        x.update(e);
                    }
                }
            }
            default -> {
                for (Entry x : entries) {
                    if (x.contains(e.fileOffset())) {
                        x.update(e);
                        if (e.event().equals(OeEvent.SPLIT)) {
                            x.splits++;
                        } else if (e.event().equals(OeEvent.START) && x.waiter == null) {
                            x.waiter = e.task() + ":" + e.pid();
                        }
                    }
                }
            }
        }
        if (entries.isEmpty()) {
            live.remove(inode);
        }
    }

    /** Ordered extents added and not (wholly) removed yet, oldest first. */
    public synchronized List<Entry> outstanding() {
        List<Entry> all = new ArrayList<>();
        live.values().forEach(all::addAll);
        all.sort((a, b) -> Double.compare(a.addTime, b.addTime));
        return all;
    }

    public synchronized List<IoError> ioErrors() {
        return List.copyOf(ioErrors);
    }

    /** Adds that overlapped a still-outstanding extent (a remove event was lost). */
    public synchronized long inconsistencies() {
        return inconsistencies;
    }

    public synchronized long events() {
        return events;
    }

    /** Events seen per event name. */
    /**
     * Ordered extents added on the filesystems {@code ours} accepts, by their flags at add time: what the
     * test exercised ("-" for a buffered write to a checksummed file, DIRECT for a direct write).
     */
    public synchronized Map<String, Integer> addedByFlags(java.util.function.Predicate<String> ours) {
        Map<String, Integer> out = new java.util.TreeMap<>();
        addedByFlags.forEach((fsid, byFlags) -> {
            if (ours.test(fsid)) {
                byFlags.forEach((flags, n) -> out.merge(flags, n, Integer::sum));
            }
        });
        return out;
    }

    public synchronized Map<String, Integer> counts() {
        return new LinkedHashMap<>(counts);
    }
}
