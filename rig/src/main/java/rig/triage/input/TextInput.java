package rig.triage.input;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import rig.triage.UnreadableInputException;

/** Opens a file as text: gzip is decompressed on the fly; binary data (mostly control bytes) and unreadable files are refused. */
final class TextInput {
    private static final int SNIFF = 4096;

    private TextInput() {
    }

    static Reader open(Path file) throws UnreadableInputException {
        try {
            return reader(Files.newInputStream(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new UnreadableInputException(file + ": no such file; pass a results directory, a log file, or - for stdin");
        } catch (AccessDeniedException e) {
            throw new UnreadableInputException(file + ": permission denied; run as a user who can read it (e.g. sudo)");
        } catch (IOException e) {
            throw new UnreadableInputException(file + ": cannot read (" + e.getMessage() + "); check the path and the disk");
        }
    }

    /**
     * Mostly control bytes: not a log. Console logs do carry some NUL bytes (a serial line that reset,
     * a ring buffer with holes); those are read and the NULs dropped.
     */
    static boolean binary(byte[] head) {
        int control = 0;
        for (byte b : head) {
            int c = b & 0xff;
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1b) {
                control++;
            }
        }
        return head.length > 0 && control * 4 > head.length;
    }

    static Reader reader(InputStream raw, String name) throws IOException, UnreadableInputException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(SNIFF);
        byte[] head = in.readNBytes(SNIFF);
        in.reset();
        InputStream text = in;
        if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            text = new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
        } else if (binary(head)) {
            in.close();
            throw new UnreadableInputException(name + ": binary data, not a log; pass a text log"
                    + " (decompress other formats first, e.g. 'xzcat FILE | rig triage -')");
        }
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        return new InputStreamReader(text, decoder);
    }
}
