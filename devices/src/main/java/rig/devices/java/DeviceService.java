package rig.devices.java;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import rig.devices.fault.FaultEngine;
import rig.devices.fuse.FuseMount;
import rig.devices.own.Registry;

/**
 * The serving side of a Java device (in the server process, or in the creating JVM): the engine exported as the FUSE
 * file and controlled through the socket. Never touches the FUSE mount nor anything mounted
 * over it (its serving threads would wait on themselves).
 */
final class DeviceService implements AutoCloseable {

    private final String name;
    private final FaultEngine engine;
    private final FuseMount mount;
    private final ControlServer control;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile String loopDevice = "";
    private boolean closed;

    private DeviceService(String name, FaultEngine engine, FuseMount mount, Path socket) throws IOException {
        this.name = name;
        this.engine = engine;
        this.mount = mount;
        this.control = new ControlServer(socket, engine, this::info, engine::journalSummary,
                loop -> loopDevice = loop.strip(), stopped::countDown);
    }

    static DeviceService start(Registry registry, String name, FaultEngine engine, Path mountPoint, Path socket,
                               int threads, int maxThreads, java.util.function.Consumer<String> log) throws IOException {
        FuseMount mount = FuseMount.mount(registry, mountPoint, name, engine, threads, maxThreads, log);
        try {
            engine.onAbort(() -> {
                try {
                    mount.abort();
                } catch (IOException e) {
                    log.accept("device " + name + ": aborting FUSE connection " + mount.connection()
                            + " failed: " + e.getMessage());
                }
            });
            return new DeviceService(name, engine, mount, socket);
        } catch (IOException | RuntimeException e) {
            mount.close();
            throw e;
        }
    }

    /** key=value lines: what a client connecting later needs to know. */
    String info() {
        return "name=" + name + "\nsize=" + engine.size() + "\nfile=" + mount.file() + "\nmount=" + mount.mountPoint()
                + "\nconnection=" + mount.connection() + "\nprotocol=7." + mount.protocolMinor()
                + "\nthreads=" + mount.threads() + "\npid=" + ProcessHandle.current().pid()
                + "\nloop=" + loopDevice + "\n";
    }

    FuseMount mount() {
        return mount;
    }

    /** Blocks until a client sends STOP. */
    void awaitStop() throws InterruptedException {
        stopped.await();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            control.close();
        } catch (IOException e) {
            System.err.println("device " + name + ": closing the control socket: " + e.getMessage());
        }
        engine.releaseStalls(); // a held request would keep the FUSE file busy
        try {
            mount.close();
        } catch (IOException e) {
            System.err.println("device " + name + ": unmounting " + mount.mountPoint() + ": " + e.getMessage());
        }
        engine.close();
    }
}
