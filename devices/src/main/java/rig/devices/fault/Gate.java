package rig.devices.fault;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * dm-style suspension: while suspended, new requests wait at {@link #enter()}; {@link #suspend()}
 * returns once the requests already inside have left. The fast path is one atomic increment and
 * one volatile read (suspend writes the flag, then reads the count; enter increments the count,
 * then reads the flag: one of the two always sees the other).
 */
final class Gate {

    private final AtomicInteger inside = new AtomicInteger();
    private final Object lock = new Object();
    private volatile boolean suspended;
    private volatile boolean aborted;

    /** Admits a request; false when the device was aborted (the request must fail). */
    boolean enter() {
        for (;;) {
            inside.incrementAndGet();
            if (!suspended) {
                if (aborted) {
                    exit();
                    return false;
                }
                return true;
            }
            exit();
            synchronized (lock) {
                boolean interrupted = false;
                while (suspended && !aborted) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            if (aborted) {
                return false;
            }
        }
    }

    void exit() {
        if (inside.decrementAndGet() == 0 && suspended) {
            synchronized (lock) {
                lock.notifyAll();
            }
        }
    }

    /** Keeps the count balanced for a held request that could not re-enter (aborted): its caller still exits. */
    void reenterAborted() {
        inside.incrementAndGet();
    }

    /** Stops admitting requests and waits until the ones inside have left. */
    void suspend() {
        synchronized (lock) {
            suspended = true;
            boolean interrupted = false;
            while (inside.get() > 0 && !aborted) {
                try {
                    lock.wait(100);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    void resume() {
        synchronized (lock) {
            suspended = false;
            lock.notifyAll();
        }
    }

    boolean suspended() {
        return suspended;
    }

    int inside() {
        return inside.get();
    }

    /** From now on every request fails; waiting ones are let go to fail. */
    void abort() {
        synchronized (lock) {
            aborted = true;
            lock.notifyAll();
        }
    }

    boolean aborted() {
        return aborted;
    }
}
