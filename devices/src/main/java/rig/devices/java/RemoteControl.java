package rig.devices.java;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import rig.devices.DeviceControl;
import rig.devices.java.ControlProtocol.Message;
import rig.devices.java.ControlProtocol.Verb;

/**
 * The {@link DeviceControl} of a device served by another process, over its control socket.
 * One connection per call; a call that gets no answer within its timeout fails (the channel is
 * closed under it) instead of hanging the caller.
 */
final class RemoteControl implements DeviceControl {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "control-timeout");
        t.setDaemon(true);
        return t;
    });

    private final Path socket;
    private final Duration timeout;

    RemoteControl(Path socket, Duration timeout) {
        this.socket = socket;
        this.timeout = timeout;
    }

    Path socket() {
        return socket;
    }

    /** Sends one request; the OK payload, or an IOException carrying the server's ERR text. */
    String call(Verb verb, String payload) throws IOException {
        return call(verb, payload, timeout);
    }

    String call(Verb verb, String payload, Duration limit) throws IOException {
        AtomicBoolean timedOut = new AtomicBoolean();
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ScheduledFuture<?> watchdog = TIMER.schedule(() -> {
                timedOut.set(true);
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // closing is all we can do
                }
            }, limit.toMillis(), TimeUnit.MILLISECONDS);
            try {
                ch.connect(UnixDomainSocketAddress.of(socket));
                OutputStream out = Channels.newOutputStream(ch);
                InputStream in = Channels.newInputStream(ch);
                ControlProtocol.write(out, verb.name(), payload);
                Message reply = ControlProtocol.read(in);
                if (reply == null) {
                    throw new IOException("the device server closed the connection without answering " + verb);
                }
                if (reply.word().equals("ERR")) {
                    throw new Refused(reply.payload());
                }
                return reply.payload();
            } finally {
                watchdog.cancel(false);
            }
        } catch (Refused e) {
            throw e;
        } catch (IOException e) {
            if (timedOut.get()) {
                throw new IOException(verb + " on the device control socket " + socket + " got no answer within "
                        + limit.toSeconds() + " s (is the device server stuck? abort the device)", e);
            }
            throw new IOException(verb + " on the device control socket " + socket + " failed: " + e
                    + " (is the device server running?)", e);
        }
    }

    /** The server answered ERR: its text says what failed (a table syntax error, ...). */
    /** The device refused a request as given (a table line it cannot parse, say): the user's to fix. */
    static final class Refused extends IOException implements rig.sys.UsageError {
        Refused(String message) {
            super(message);
        }
    }

    @Override
    public void loadTable(String tableText) throws IOException {
        call(Verb.LOAD, tableText);
    }

    @Override
    public String table() throws IOException {
        return call(Verb.TABLE, "");
    }

    @Override
    public void suspend() throws IOException {
        call(Verb.SUSPEND, "");
    }

    @Override
    public void resume() throws IOException {
        call(Verb.RESUME, "");
    }

    @Override
    public int releaseStalls() throws IOException {
        return Integer.parseInt(call(Verb.RELEASE, "").strip());
    }

    @Override
    public void powerCut() throws IOException {
        call(Verb.POWERCUT, "");
    }

    @Override
    public rig.devices.DeviceCounters counters() throws IOException {
        return rig.devices.DeviceCounters.parse(call(Verb.COUNTERS, ""));
    }

    @Override
    public List<String> journalTail(int n) throws IOException {
        String text = call(Verb.JOURNAL, Integer.toString(n));
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
    }

    @Override
    public void saveJournal(Path file) throws IOException {
        Path saved = Path.of(call(Verb.SAVEJOURNAL, ""));
        try {
            Files.copy(saved, file, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(saved);
        }
    }

    /** The journal summary, one finding per line. */
    String journalSummary() throws IOException {
        return call(Verb.SUMMARY, "");
    }

    @Override
    public void abort() throws IOException {
        call(Verb.ABORT, "");
    }
}
