package rig.tests.rig;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import rig.fstest.FstestBase;
import rig.fstest.stress.Stress;
import rig.fstest.stress.Workload;

/**
 * Stress with cache dropping (iomap's "fix warning in iomap_write_delalloc_release", found by
 * fsstress and drop_caches on xfs): a seeded workload of four threads on the scratch filesystem
 * while another thread drops the caches every few milliseconds. Reads of holes leave clean folios
 * that the drops evict while short buffered writes (an iovec running into inaccessible memory)
 * punch out their delalloc blocks. Any kernel WARNING fails the test through the kernel-log
 * checker; every read checks the workload's model, and so does a read of every file after a
 * remount. The seed ($STRESS_SEED, else the clock) and the op log (NNN.ops) repeat a failure.
 */
abstract class CacheDropStress extends FstestBase {
    static final Workload SHAPE = new Workload(0, 4, 4000, 3, 1 << 20);
    static final long DROP_EVERY_MS = 5;

    abstract Stress.Verifier verifier();

    @Override
    protected void test() throws Exception {
        requireScratch();
        long seed = seed();
        Workload workload = SHAPE.withSeed(seed);

        echo("Silence is golden");
        scratch().mkfs();
        scratch().mount();
        Path ops = Path.of(seqres() + ".ops");
        full().println("stress: " + workload.describe() + "; op log " + ops + "; again: STRESS_SEED=" + seed
                + " ./check " + env().id());
        Stress.Result result;
        try (PrintStream opLog = new PrintStream(Files.newOutputStream(ops), true)) {
            result = Stress.run(workload, scratchMnt(), DROP_EVERY_MS, opLog, verifier());
        }
        full().println(result.summary());
        result.findings().forEach(this::echo);
        if (result.shortWritevs() == 0) {
            echo("no writev came back short: the workload missed the delalloc punch path");
        }

        scratch().cycleMount();
        result.verify().forEach(this::echo);
        if (!result.findings().isEmpty()) {
            echo("seed " + seed + " (STRESS_SEED), op log " + ops.getFileName());
        }
    }

    private long seed() {
        Optional<String> given = config().get("STRESS_SEED").or(() -> Optional.ofNullable(System.getenv("STRESS_SEED")));
        try {
            return given.map(Long::parseLong).orElseGet(System::nanoTime);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("STRESS_SEED=" + given.get() + " is not a number: give a decimal seed"
                    + " from an earlier run's " + seq() + ".full");
        }
    }
}
