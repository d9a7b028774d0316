package rig.devices.own;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * A helper process of the rig (the device server, the test worker) lives only as long as the process that
 * started it: a daemon thread checks the parent every {@value #PERIOD_MS} ms (same PID, same start time,
 * not a zombie) and runs the clean-up once it is gone, so a runner killed with SIGKILL leaves nothing
 * running. Terminal signals (SIGINT of a Ctrl-C, SIGHUP of a closed terminal) are the owner's to handle:
 * the helper ignores them and is stopped by its owner.
 */
public final class OwnerWatch {
    static final int PERIOD_MS = 250;

    private OwnerWatch() {
    }

    /** Ignores SIGINT and SIGHUP and runs {@code onOwnerDeath} (then the JVM exits) once the parent is gone. */
    public static void start(String what, Runnable onOwnerDeath) {
        for (String name : new String[] {"INT", "HUP"}) {
            Signal.handle(new Signal(name), SignalHandler.SIG_IGN);
        }
        ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
        if (parent == null) {
            return;
        }
        long pid = parent.pid();
        long ticks = Claim.startTicks(pid);
        Thread t = new Thread(() -> {
            while (Claim.alive(pid, ticks)) {
                try {
                    Thread.sleep(PERIOD_MS);
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.err.println(what + ": owner PID " + pid + " is gone; cleaning up");
            onOwnerDeath.run();
            Runtime.getRuntime().halt(0);
        }, "owner-watch");
        t.setDaemon(true);
        t.start();
    }
}
