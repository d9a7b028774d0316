package rig.devices.fault;

/**
 * A served request's result packed in a primitive (no object per request): the errno in the
 * low 12 bits, the {@link Effect} bits above them; {@link #withRule} adds the id of the rule
 * that acted in the high 32 bits of a long.
 */
final class Outcome {
    static final int OK = 0;

    private Outcome() {
    }

    static int of(int errno, int effects) {
        return (effects << 12) | (errno & 0xFFF);
    }

    static int errno(long outcome) {
        return (int) (outcome & 0xFFF);
    }

    static int effects(long outcome) {
        return (int) outcome >>> 12;
    }

    static long withRule(int outcome, int ruleId) {
        return ((long) ruleId << 32) | (outcome & 0xFFFFFFFFL);
    }

    static int rule(long outcome) {
        return (int) (outcome >>> 32);
    }
}
