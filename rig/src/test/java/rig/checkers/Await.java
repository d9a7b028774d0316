package rig.checkers;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a checker until its finding appears or a generous deadline passes: no fixed timing windows in the ITs. */
public final class Await {

    /** Far beyond what the kernel needs; only a broken checker or kernel gets near it. */
    public static final Duration GENEROUS = Duration.ofSeconds(90);

    /** Something to run on every round (a checker's poll). */
    public interface Poll {
        void run() throws Exception;
    }

    private Await() {
    }

    /** Runs {@code poll} every 200 ms until {@code done} holds or {@link #GENEROUS} passes; returns {@code done}. */
    public static boolean until(Poll poll, BooleanSupplier done) throws Exception {
        long deadline = System.nanoTime() + GENEROUS.toNanos();
        while (true) {
            poll.run();
            if (done.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(200);
        }
    }
}
