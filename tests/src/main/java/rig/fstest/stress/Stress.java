package rig.fstest.stress;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A seeded, multi-threaded workload in the spirit of fsstress, run in a directory while another
 * thread drops the caches: buffered and direct writes, writev with a partly inaccessible iovec,
 * reads of holes, fallocate, truncate and fsync. Every call goes to the op log; the models say
 * what each file must hold, checked by every read and by {@link Result#verify()} at the end.
 */
public final class Stress {
    private Stress() {
    }

    /** Whether the verifier is told what the workload wrote, or (a broken variant) other bytes for its last write. */
    public enum Verifier { TOLD_THE_TRUTH, MISINFORMED }

    /**
     * Runs {@code workload} in {@code dir}, dropping caches every {@code dropMillis} ms (never when
     * 0), logging each call to {@code opLog}. Returns when every worker is done.
     */
    public static Result run(Workload workload, Path dir, long dropMillis, PrintStream opLog, Verifier verifier)
            throws IOException, InterruptedException {
        List<StressWorker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < workload.threads(); t++) {
            StressWorker w = new StressWorker(t, workload, dir, line -> {
                synchronized (opLog) {
                    opLog.println(line);
                }
            }, verifier == Verifier.MISINFORMED && t == 0);
            workers.add(w);
            threads.add(new Thread(w, "rig-stress-" + t));
        }
        if (dropMillis <= 0) {
            runAll(threads);
            return new Result(workers, 0);
        }
        try (CacheDropper dropper = new CacheDropper(dropMillis).start()) {
            runAll(threads);
            return new Result(workers, dropper.drops());
        }
    }

    private static void runAll(List<Thread> threads) throws InterruptedException {
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
    }

    /** What the workers did and found. */
    public static final class Result {
        private final List<StressWorker> workers;
        private final int drops;

        Result(List<StressWorker> workers, int drops) {
            this.workers = workers;
            this.drops = drops;
        }

        /** The calls that failed or read what the model did not expect, as "tN #op: call -> what". */
        public List<String> findings() {
            return workers.stream().flatMap(w -> w.findings().stream()).toList();
        }

        /** Counts of the operations done, the short writevs, unsupported fallocate modes and cache drops. */
        public String summary() {
            Map<StressOp, Integer> ops = new EnumMap<>(StressOp.class);
            workers.forEach(w -> w.done().forEach((op, n) -> ops.merge(op, n, Integer::sum)));
            int unsupported = workers.stream().mapToInt(StressWorker::unsupported).sum();
            return "operations " + ops + "; short writevs " + shortWritevs() + "; fallocate EOPNOTSUPP " + unsupported
                    + "; cache drops " + drops;
        }

        public int shortWritevs() {
            return workers.stream().mapToInt(StressWorker::shortWritevs).sum();
        }

        public int drops() {
            return drops;
        }

        /** Reads every file whole and compares it with its model: one line per file that differs. */
        public List<String> verify() throws IOException {
            List<String> differ = new ArrayList<>();
            for (StressWorker w : workers) {
                for (int f = 0; f < w.models().size(); f++) {
                    verifyFile(w.file(f), w.models().get(f)).ifPresent(differ::add);
                }
            }
            return differ;
        }

        private static java.util.Optional<String> verifyFile(Path file, FileModel model) throws IOException {
            byte[] actual = Files.readAllBytes(file);
            if (actual.length != model.size()) {
                return java.util.Optional.of(file.getFileName() + ": size " + actual.length + ", the workload left " + model.size());
            }
            var mismatches = model.compare(0, actual, actual.length);
            if (mismatches.isEmpty()) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(file.getFileName() + ": " + mismatches.get(0)
                    + (mismatches.size() > 1 ? " (and " + (mismatches.size() - 1) + " more ranges)" : ""));
        }
    }
}
