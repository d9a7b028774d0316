package rig.devices.java;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Supplier;
import rig.devices.DeviceControl;
import rig.devices.java.ControlProtocol.Message;
import rig.devices.java.ControlProtocol.Verb;

/**
 * Serves a {@link DeviceControl} on a Unix domain socket, one thread per connection, requests
 * answered in order. Besides the DeviceControl verbs: PING, INFO (key=value lines describing the
 * device), ATTACHED (the client records the loop device it put on top), SUMMARY (journal
 * summary), STOP (the server shuts down after replying).
 */
final class ControlServer implements AutoCloseable {

    private final Path socket;
    private final ServerSocketChannel channel;
    private final DeviceControl control;
    private final Supplier<String> info;
    private final Supplier<String> summary;
    private final Consumer<String> attached;
    private final Runnable stop;
    private final Thread acceptor;

    ControlServer(Path socket, DeviceControl control, Supplier<String> info, Supplier<String> summary,
                  Consumer<String> attached, Runnable stop) throws IOException {
        this.socket = socket;
        this.control = control;
        this.info = info;
        this.summary = summary;
        this.attached = attached;
        this.stop = stop;
        Files.deleteIfExists(socket);
        this.channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        channel.bind(UnixDomainSocketAddress.of(socket));
        this.acceptor = new Thread(this::acceptLoop, "control-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptLoop() {
        while (channel.isOpen()) {
            try {
                SocketChannel client = channel.accept();
                Thread t = new Thread(() -> serve(client), "control-client");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(SocketChannel client) {
        try (client; InputStream in = Channels.newInputStream(client); OutputStream out = Channels.newOutputStream(client)) {
            Message request;
            while ((request = ControlProtocol.read(in)) != null) {
                boolean stopAfter = request.word().equals(Verb.STOP.name());
                try {
                    ControlProtocol.write(out, "OK", answer(request));
                } catch (IOException | RuntimeException e) {
                    String why = e.getMessage() == null ? e.toString() : e.getMessage();
                    ControlProtocol.write(out, "ERR", why);
                }
                if (stopAfter) {
                    stop.run();
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away; nothing to answer
        }
    }

    private String answer(Message m) throws IOException {
        Verb verb;
        try {
            verb = Verb.valueOf(m.word());
        } catch (IllegalArgumentException e) {
            throw new IOException("unknown control verb \"" + m.word() + "\"");
        }
        return switch (verb) {
            case PING -> "pong";
            case INFO -> info.get();
            case ATTACHED -> {
                attached.accept(m.payload());
                yield "";
            }
            case LOAD -> {
                control.loadTable(m.payload());
                yield control.table();
            }
            case TABLE -> control.table();
            case SUSPEND -> {
                control.suspend();
                yield "";
            }
            case RESUME -> {
                control.resume();
                yield "";
            }
            case RELEASE -> Integer.toString(control.releaseStalls());
            case POWERCUT -> {
                control.powerCut();
                yield "";
            }
            case COUNTERS -> control.counters().text();
            case JOURNAL -> String.join("\n", control.journalTail(Integer.parseInt(m.payload().strip())));
            case SAVEJOURNAL -> {
                // saved beside the socket (never on the device's own filesystem); the client moves it
                Path file = socket.resolveSibling("journal-" + System.nanoTime() + ".txt");
                control.saveJournal(file);
                yield file.toString();
            }
            case SUMMARY -> summary.get();
            case ABORT -> {
                control.abort();
                yield "";
            }
            case STOP -> "stopping";
        };
    }

    @Override
    public void close() throws IOException {
        channel.close();
        Files.deleteIfExists(socket);
    }
}
