package rig.fstest.stress;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import rig.sys.PageCache;

/** A thread that drops the page cache, dentries and inodes every few milliseconds until stopped. */
final class CacheDropper implements AutoCloseable {
    private final Thread thread;
    private final long intervalMillis;
    private volatile boolean stopped;
    private volatile int drops;
    private volatile IOException failure;

    CacheDropper(long intervalMillis) {
        this.intervalMillis = intervalMillis;
        this.thread = new Thread(this::loop, "rig-drop-caches");
        thread.setDaemon(true);
    }

    CacheDropper start() {
        thread.start();
        return this;
    }

    private void loop() {
        while (!stopped) {
            try {
                PageCache.drop();
                drops++;
                TimeUnit.MILLISECONDS.sleep(intervalMillis);
            } catch (IOException e) {
                failure = e;
                return;
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    int drops() {
        return drops;
    }

    @Override
    public void close() throws IOException {
        stopped = true;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw new IOException("dropping caches failed after " + drops + " drops: " + failure.getMessage(), failure);
        }
    }
}
