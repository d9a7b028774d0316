package rig.devices.fault;

import java.nio.ByteBuffer;

/** A backing file that forwards to a real one; tests override the call they want to misbehave. */
class ForwardingBacking extends Backing {
    final Backing real;

    ForwardingBacking(Backing real) {
        super(real.path(), real.size(), -1);
        this.real = real;
    }

    @Override
    int write(long offset, ByteBuffer buf) {
        return real.write(offset, buf);
    }

    @Override
    int read(long offset, ByteBuffer buf) {
        return real.read(offset, buf);
    }

    @Override
    int sync() {
        return real.sync();
    }

    @Override
    int punch(long offset, long length) {
        return real.punch(offset, length);
    }

    @Override
    public void close() {
        real.close();
    }
}
