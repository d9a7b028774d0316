package rig.devices.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rig.devices.DeviceControl;
import rig.devices.java.ControlProtocol.Verb;

/** The control socket end to end over a real Unix socket, with an in-memory DeviceControl. */
class ControlSocketTest {

    @TempDir
    Path tmp;
    ControlServer server;
    RemoteControl client;
    final MemoryControl control = new MemoryControl();
    final CountDownLatch stopped = new CountDownLatch(1);
    volatile String attached;

    @BeforeEach
    void start() throws IOException {
        Path socket = tmp.resolve("c.sock");
        server = new ControlServer(socket, control, () -> "name=x\nconnection=7\n", () -> "2 write errors",
                loop -> attached = loop, stopped::countDown);
        client = new RemoteControl(socket, Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void framesMultiLinePayloadsByLength() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ControlProtocol.write(out, "LOAD", "0 8 error\n8 - pass\n");
        ControlProtocol.write(out, "PING", "");
        ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
        assertEquals(new ControlProtocol.Message("LOAD", "0 8 error\n8 - pass\n"), ControlProtocol.read(in));
        assertEquals(new ControlProtocol.Message("PING", ""), ControlProtocol.read(in));
        assertEquals(null, ControlProtocol.read(in));
        assertThrows(IOException.class, () -> ControlProtocol.read(new ByteArrayInputStream("LOAD x\n".getBytes())));
        assertThrows(IOException.class, () -> ControlProtocol.read(new ByteArrayInputStream("LOAD 9\nabc".getBytes())));
    }

    @Test
    void carriesEveryDeviceControlCall() throws IOException {
        client.loadTable("0 8 error write\n8 - pass\n");
        assertEquals("0 8 error write\n8 - pass\n", client.table());
        client.suspend();
        client.resume();
        assertEquals(List.of("suspend", "resume"), control.calls.subList(1, 3));
        assertEquals(3, client.releaseStalls());
        client.powerCut();
        assertEquals(12, client.counters().get("requests"), "parsed once, at the socket");
        assertEquals("requests 12\nerrors 1\n", client.counters().text());
        assertEquals(List.of("e1", "e2"), client.journalTail(2));
        assertEquals(List.of(), client.journalTail(0));
        Path saved = tmp.resolve("journal.txt");
        client.saveJournal(saved);
        assertEquals("whole journal\n", Files.readString(saved));
        assertEquals("2 write errors", client.journalSummary());
        client.abort();
        assertTrue(control.calls.contains("abort"));
        assertEquals("7", JavaDevice.info(client).get("connection"));
        client.call(Verb.ATTACHED, "/dev/loop9");
        assertEquals("/dev/loop9", attached);
    }

    @Test
    void aRefusalCarriesTheServersReason() {
        IOException e = assertThrows(IOException.class, () -> client.loadTable("bogus"));
        assertEquals("table line 1: \"bogus\" is not a rule; use pass, error, ...", e.getMessage());
    }

    @Test
    void aSilentServerTimesOutInsteadOfHanging() {
        RemoteControl impatient = new RemoteControl(client.socket(), Duration.ofMillis(300));
        control.suspendTakes = 3000;
        long t0 = System.nanoTime();
        IOException e = assertThrows(IOException.class, impatient::suspend);
        assertTrue(e.getMessage().contains("no answer within"), e.getMessage());
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(2));
    }

    @Test
    void aMissingServerIsNamed() {
        RemoteControl nobody = new RemoteControl(tmp.resolve("none.sock"), Duration.ofSeconds(1));
        IOException e = assertThrows(IOException.class, nobody::counters);
        assertTrue(e.getMessage().contains("is the device server running?"), e.getMessage());
    }

    @Test
    void stopRunsTheStopHookAfterReplying() throws Exception {
        assertEquals("stopping", client.call(Verb.STOP, ""));
        assertTrue(stopped.await(5, TimeUnit.SECONDS));
    }

    /** An in-memory DeviceControl recording the calls it gets. */
    static final class MemoryControl implements DeviceControl {
        final List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile String table = "";
        volatile long suspendTakes;

        @Override
        public void loadTable(String tableText) throws IOException {
            calls.add("load");
            if (tableText.contains("bogus")) {
                throw new IOException("table line 1: \"bogus\" is not a rule; use pass, error, ...");
            }
            table = tableText;
        }

        @Override
        public String table() {
            return table;
        }

        @Override
        public void suspend() {
            calls.add("suspend");
            try {
                Thread.sleep(suspendTakes);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void resume() {
            calls.add("resume");
        }

        @Override
        public int releaseStalls() {
            return 3;
        }

        @Override
        public void powerCut() {
            calls.add("powercut");
        }

        @Override
        public rig.devices.DeviceCounters counters() {
            return rig.devices.DeviceCounters.parse("requests 12\nerrors 1");
        }

        @Override
        public List<String> journalTail(int n) {
            return List.of("e1", "e2").subList(0, n);
        }

        @Override
        public void saveJournal(Path file) throws IOException {
            Files.writeString(file, "whole journal\n");
        }

        @Override
        public void abort() {
            calls.add("abort");
        }
    }
}
