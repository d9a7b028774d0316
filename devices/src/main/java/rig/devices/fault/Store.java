package rig.devices.fault;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Where requests that pass end up: the backing file, with the optional volatile write cache
 * (an {@link UndoLog}) in front. Flush and FUA are fdatasync of the backing file; in
 * volatile-cache mode they also make the cached writes durable (clear or trim the undo log).
 */
final class Store implements AutoCloseable {

    final Backing data;
    private volatile UndoLog cache;

    Store(Backing data) {
        this.data = data;
    }

    int read(long offset, ByteBuffer buf) {
        return data.read(offset, buf);
    }

    int write(long offset, ByteBuffer buf) {
        UndoLog c = cache;
        if (c != null) {
            int e = c.save(data, offset, buf.remaining());
            if (e != 0) {
                return e;
            }
        }
        return data.write(offset, buf);
    }

    int discard(long offset, long length) {
        UndoLog c = cache;
        if (c != null) {
            int e = c.save(data, offset, length);
            if (e != 0) {
                return e;
            }
        }
        return data.punch(offset, length);
    }

    int flush() {
        int e = data.sync();
        UndoLog c = cache;
        if (e == 0 && c != null) {
            c.clear();
        }
        return e;
    }

    /** fdatasync only (the volatile cache keeps its before-images). */
    int flushData() {
        return data.sync();
    }

    /** A FUA write of [offset, offset+length) completed: it is durable whatever the cache holds. */
    int fua(long offset, long length) {
        int e = data.sync();
        UndoLog c = cache;
        if (e == 0 && c != null) {
            c.forget(offset, length);
        }
        return e;
    }

    boolean isVolatile() {
        return cache != null;
    }

    /** Turns the volatile cache on (from the next write) or off (the cached writes become durable). */
    void setVolatile(boolean on) throws IOException {
        if (on && cache == null) {
            cache = UndoLog.open(data.path(), data.size());
        } else if (!on && cache != null) {
            UndoLog c = cache;
            cache = null;
            data.sync();
            c.close();
        }
    }

    /** Drops every write since the last flush; returns how many sectors went back to their old content. */
    long powerCut() throws IOException {
        UndoLog c = cache;
        return c == null ? 0 : c.restore(data);
    }

    long cachedSectors() {
        UndoLog c = cache;
        return c == null ? 0 : c.savedSectors();
    }

    @Override
    public void close() {
        UndoLog c = cache;
        cache = null;
        if (c != null) {
            c.close();
        }
        data.close();
    }
}
