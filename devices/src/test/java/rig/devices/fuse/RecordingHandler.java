package rig.devices.fuse;

import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import rig.devices.BlockHandler;

/** Test-only: passes through, records request sizes, and can hold writes until released. */
final class RecordingHandler implements BlockHandler {

    private final BlockHandler next;
    final AtomicInteger maxWrite = new AtomicInteger(), maxRead = new AtomicInteger();
    final AtomicLong writes = new AtomicLong(), reads = new AtomicLong(), flushes = new AtomicLong(),
            discards = new AtomicLong(), splicedReads = new AtomicLong();
    volatile CountDownLatch holdWrites;
    final AtomicInteger held = new AtomicInteger();

    RecordingHandler(BlockHandler next) {
        this.next = next;
    }

    @Override
    public long size() {
        return next.size();
    }

    @Override
    public int read(long offset, ByteBuffer dst) {
        reads.incrementAndGet();
        maxRead.accumulateAndGet(dst.remaining(), Math::max);
        return next.read(offset, dst);
    }

    @Override
    public int read(long offset, ByteBuffer dst, FileSink sink) {
        reads.incrementAndGet();
        maxRead.accumulateAndGet(dst.remaining(), Math::max);
        return next.read(offset, dst, (fd, off, len) -> {
            splicedReads.incrementAndGet();
            return sink.take(fd, off, len);
        });
    }

    @Override
    public int write(long offset, ByteBuffer src, boolean fua) {
        writes.incrementAndGet();
        maxWrite.accumulateAndGet(src.remaining(), Math::max);
        CountDownLatch hold = holdWrites;
        if (hold != null) {
            held.incrementAndGet();
            try {
                hold.await();
            } catch (InterruptedException e) {
                return 4;
            }
        }
        return next.write(offset, src, fua);
    }

    @Override
    public int flush() {
        flushes.incrementAndGet();
        return next.flush();
    }

    @Override
    public int discard(long offset, long length) {
        discards.incrementAndGet();
        return next.discard(offset, length);
    }
}
