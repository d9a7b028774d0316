package rig.check.run;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT, SIGTERM and SIGHUP as fstests' check treats them: the run stops after the test in progress is
 * ended (its worker killed, the device let go, the checkers finished), the summary says "Interrupted!",
 * check.log and result.xml are written and everything the run made is removed. A second signal while that
 * happens ends the process at once (the shutdown hook still removes the devices).
 */
final class Interrupts {

    /** The signal that stopped the run. */
    record Caught(String name, long at) {
        String label() {
            return "SIG" + name;
        }
    }

    private static final List<String> SIGNALS = List.of("INT", "TERM", "HUP");
    /** The same signal again within this time is the same interrupt (delivered twice), not a second one. */
    private static final long SAME_SIGNAL_NANOS = 1_000_000_000L;

    /** Written by {@link #handle} (synchronized), read by the run's thread. */
    private volatile Caught caught;
    private final Map<String, SignalHandler> previous = new ConcurrentHashMap<>();

    private Interrupts() {
    }

    /** Takes over SIGINT, SIGTERM and SIGHUP for this run. */
    static Interrupts install() {
        Interrupts i = new Interrupts();
        SIGNALS.forEach(name -> {
            try {
                i.previous.put(name, Signal.handle(new Signal(name), s -> i.handle(s, name)));
            } catch (IllegalArgumentException e) {
                // the JVM was started with -Xrs or the signal is in use: its default stays
            }
        });
        return i;
    }

    /** No signal handling (tests of the runner's parts). */
    static Interrupts none() {
        return new Interrupts();
    }

    Optional<Caught> caught() {
        return Optional.ofNullable(caught);
    }

    /** Gives the signals back to the JVM's defaults. */
    void uninstall() {
        previous.forEach((name, handler) -> Signal.handle(new Signal(name), handler));
        previous.clear();
    }

    /** Synchronized: each signal is handled on a thread of its own, and a Ctrl-C often comes twice at once. */
    private synchronized void handle(Signal s, String name) {
        long now = System.nanoTime();
        Caught first = caught;
        if (first != null && first.name().equals(name) && now - first.at() < SAME_SIGNAL_NANOS) {
            return; // a terminal's Ctrl-C and the bin/rig wrapper's copy of it: one interrupt
        }
        if (first == null) {
            caught = new Caught(name, now);
            System.err.println("rig: SIG" + name + ": stopping after the test in progress is ended (again to stop at once)");
            return;
        }
        System.err.println("rig: SIG" + name + " again: stopping at once");
        SignalHandler old = previous.getOrDefault(name, SignalHandler.SIG_DFL);
        Signal.handle(s, old);
        Signal.raise(s);
    }
}
