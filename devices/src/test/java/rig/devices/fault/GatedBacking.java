package rig.devices.fault;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A backing file whose first write waits, inside the engine (in flight), until the test opens
 * the gate: a handshake that holds a request in flight for as long as the test needs.
 */
final class GatedBacking extends ForwardingBacking {

    /** Counted down when the first write has reached the backing file (it is in flight). */
    final CountDownLatch entered = new CountDownLatch(1);
    /** Counted down by the test to let that write go on. */
    final CountDownLatch open = new CountDownLatch(1);
    private GatedBacking(Backing real) {
        super(real);
    }

    /** An engine over a gated backing file of {@code sectors} sectors in {@code dir}. */
    static Engine engine(Path dir, long sectors, GatedBacking[] gate) throws IOException {
        gate[0] = new GatedBacking(Backing.open(dir.resolve("gated-" + System.nanoTime() + ".img"), sectors * 512));
        return new Engine(gate[0], Journal.DEFAULT_CAPACITY);
    }

    @Override
    int write(long offset, ByteBuffer buf) {
        if (entered.getCount() > 0) {
            entered.countDown();
            try {
                open.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return rig.sys.Errno.EINTR;
            }
        }
        return real.write(offset, buf);
    }
}
