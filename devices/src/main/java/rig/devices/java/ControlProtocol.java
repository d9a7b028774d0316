package rig.devices.java;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The control socket's framing: every message is one header line, a word and the byte length
 * of its payload ("LOAD 42\n"), followed by exactly that many bytes of UTF-8. A request's word
 * is a verb; a reply's is OK or ERR (the payload then says what failed). Length-prefixed
 * payloads keep multi-line tables and journals intact.
 */
final class ControlProtocol {

    /** Verbs a server understands. */
    enum Verb { PING, INFO, ATTACHED, LOAD, TABLE, SUSPEND, RESUME, RELEASE, POWERCUT, COUNTERS, JOURNAL,
        SAVEJOURNAL, SUMMARY, ABORT, STOP }

    record Message(String word, String payload) {
    }

    private static final int MAX_HEADER = 64;
    static final int MAX_PAYLOAD = 64 << 20;

    private ControlProtocol() {
    }

    static void write(OutputStream out, String word, String payload) throws IOException {
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        out.write((word + " " + body.length + "\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    /** Reads one message; null at a clean end of stream (before a header). */
    static Message read(InputStream in) throws IOException {
        StringBuilder header = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                if (header.length() == 0) {
                    return null;
                }
                throw new EOFException("control connection closed inside a message header");
            }
            if (header.length() >= MAX_HEADER) {
                throw new IOException("control message header longer than " + MAX_HEADER + " bytes");
            }
            header.append((char) c);
        }
        String[] f = header.toString().split(" ");
        int length;
        try {
            length = f.length == 2 ? Integer.parseInt(f[1]) : -1;
        } catch (NumberFormatException e) {
            length = -1;
        }
        if (length < 0 || length > MAX_PAYLOAD) {
            throw new IOException("malformed control message header: \"" + header + "\"");
        }
        byte[] body = in.readNBytes(length);
        if (body.length != length) {
            throw new EOFException("control connection closed inside a " + length + "-byte payload");
        }
        return new Message(f[0], new String(body, StandardCharsets.UTF_8));
    }
}
