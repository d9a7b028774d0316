package rig.fstest.stress;

/**
 * The operations of the stress workload, with their weights in the mix (fsstress' idea: a
 * weighted random choice per step). The mix is built around the path of iomap's
 * "fix warning in iomap_write_delalloc_release": reads of holes leave clean page-cache folios,
 * short buffered writes (an iovec that runs into unmapped memory) punch out their delalloc
 * blocks, and another thread drops the caches meanwhile.
 */
public enum StressOp {
    /** pwrite(2) of a random range, buffered. */
    WRITE(20),
    /** pwrite(2) through an O_DIRECT descriptor, block-aligned. */
    DWRITE(12),
    /** pwritev(2) whose second iovec lies in unmapped memory: a short buffered write. */
    WRITEV_UNMAPPED(18),
    /** pread(2) of a random range, compared with the model. */
    READ(12),
    /** ftruncate(2) up, then pread(2) of the new hole: clean zero folios in the page cache. */
    READ_HOLE(14),
    /** fallocate(2): allocate, allocate keeping the size, punch a hole or zero a range. */
    FALLOCATE(10),
    /** ftruncate(2) to a random size. */
    TRUNCATE(6),
    /** fsync(2) or fdatasync(2). */
    FSYNC(8);

    private final int weight;

    StressOp(int weight) {
        this.weight = weight;
    }

    private static final int TOTAL = java.util.Arrays.stream(values()).mapToInt(o -> o.weight).sum();

    /** The operation a uniform draw in [0, 100) picks. */
    static StressOp pick(int draw) {
        int left = Math.floorMod(draw, TOTAL);
        for (StressOp op : values()) {
            if (left < op.weight) {
                return op;
            }
            left -= op.weight;
        }
        throw new AssertionError("weights sum to " + TOTAL);
    }

    static int total() {
        return TOTAL;
    }
}
