package rig.fstest.stress;

/**
 * What the stress workload does: {@code threads} workers of {@code opsPerThread} operations each
 * on {@code filesPerThread} files of at most {@code maxFileSize} bytes that only they touch (so
 * each worker's model of its files is exact), the choices drawn from {@code seed}. The same seed
 * gives every worker the same sequence of operations again.
 */
public record Workload(long seed, int threads, int opsPerThread, int filesPerThread, int maxFileSize) {

    public Workload {
        if (threads < 1 || opsPerThread < 1 || filesPerThread < 1) {
            throw new IllegalArgumentException("a workload needs at least one thread, operation and file: " + threads
                    + " threads, " + opsPerThread + " operations, " + filesPerThread + " files");
        }
        if (maxFileSize < 64 * 1024 || maxFileSize % 4096 != 0) {
            throw new IllegalArgumentException("maxFileSize must be a multiple of 4096 of at least 64 KiB: " + maxFileSize);
        }
    }

    /** This workload drawn from {@code other} seed. */
    public Workload withSeed(long other) {
        return new Workload(other, threads, opsPerThread, filesPerThread, maxFileSize);
    }

    /** The line that says how to run this workload again. */
    public String describe() {
        return "seed " + seed + ", " + threads + " threads x " + opsPerThread + " operations on " + filesPerThread
                + " files of at most " + maxFileSize + " bytes each";
    }
}
