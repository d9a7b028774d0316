package rig.soak;

import java.util.List;
import java.util.Random;

/**
 * One soak iteration, drawn from its seed: a fault table loaded on SCRATCH at a random moment, and maybe
 * a signal to one of the run's processes at another.
 *
 * @param table        the fault table (error, drop, torn, delay or stall, on a random range or the whole device)
 * @param faultAfterMs when the table is loaded, from the start of the run
 * @param signal       "KILL", "TERM" or null for no interruption
 * @param target       "runner", "worker" or "device server"
 * @param signalAfterMs when the signal is sent
 */
record Plan(long seed, String table, long faultAfterMs, String signal, String target, long signalAfterMs) {
    private static final List<String> RULES = List.of(
            "error write", "error rw", "drop write", "torn keep=2 then=error", "delay latency=5ms jitter=4ms seed=%d",
            "stall write deadline=3s");
    private static final List<String> TARGETS = List.of("runner", "worker", "device server");
    /** The rig-owned SCRATCH (EmbeddedDevices.SCRATCH_SIZE, 8 GiB) in 512-byte sectors. */
    private static final int SCRATCH_SECTORS = 16 * 1024 * 1024;

    static Plan draw(long seed) {
        Random r = new Random(seed);
        String rule = String.format(RULES.get(r.nextInt(RULES.size())), r.nextInt(1000));
        String range = r.nextBoolean() ? "0 -" : r.nextInt(SCRATCH_SECTORS / 2) + " " + (8 + r.nextInt(65536));
        String trigger = switch (r.nextInt(3)) {
            case 0 -> "";
            case 1 -> " after=" + r.nextInt(200);
            default -> " prob=0.0" + (1 + r.nextInt(9)) + " seed=" + r.nextInt(1000);
        };
        if (rule.startsWith("stall") || rule.startsWith("delay")) {
            trigger = "";
        }
        long faultAfter = 300 + r.nextInt(3700);   // a quick-group run takes about 5 s here
        int what = r.nextInt(8);
        String signal = what < 3 ? "KILL" : what < 6 ? "TERM" : null;
        String target = TARGETS.get(r.nextInt(TARGETS.size()));
        long signalAfter = 500 + r.nextInt(5500);
        return new Plan(seed, range + " " + rule + trigger + "\n", faultAfter, signal, signal == null ? null : target,
                signalAfter);
    }

    String describe() {
        String fault = "fault '" + table.strip() + "' at " + faultAfterMs / 1000.0 + "s";
        return signal == null ? fault + ", no interruption"
                : fault + ", SIG" + signal + " to the " + target + " at " + signalAfterMs / 1000.0 + "s";
    }
}
