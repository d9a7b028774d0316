package rig.engine.kernel;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * What the host can read from an x86 kernel image without booting it: its release (the version
 * string the setup header points to, as file(1) shows it) and, when the kernel was built with
 * CONFIG_IKCONFIG and a gzip-compressed payload, its own configuration (the gzip'd text between
 * "IKCFG_ST" and "IKCFG_ED", as scripts/extract-ikconfig finds it).
 */
public final class BzImage {
    private static final byte[] GZIP = {0x1f, (byte) 0x8b, 0x08};
    private static final byte[] IKCFG_ST = "IKCFG_ST".getBytes(StandardCharsets.US_ASCII);

    private BzImage() {
    }

    /** "6.1.192-rig" of "6.1.192-rig (root@host) #1 SMP PREEMPT_DYNAMIC ...", if the image has a setup header. */
    public static Optional<String> release(Path image) throws IOException {
        byte[] b = Files.readAllBytes(image);
        return release(b);
    }

    static Optional<String> release(byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        if (b.length < 0x210 || buf.getInt(0x202) != 0x53726448) { // "HdrS"
            return Optional.empty();
        }
        int at = (buf.getShort(0x20E) & 0xffff) + 0x200;
        int end = at;
        while (end < b.length && b[end] != 0) {
            end++;
        }
        if (at >= b.length || end == at) {
            return Optional.empty();
        }
        String version = new String(b, at, end - at, StandardCharsets.US_ASCII);
        return Optional.of(version.split(" ", 2)[0]);
    }

    /** The configuration embedded in the image (CONFIG_IKCONFIG with a gzip payload), if it has one. */
    public static Optional<KernelConfig> embeddedConfig(Path image) throws IOException {
        byte[] b = Files.readAllBytes(image);
        for (int at = indexOf(b, GZIP, 0); at >= 0; at = indexOf(b, GZIP, at + 1)) {
            byte[] vmlinux = gunzip(b, at);
            if (vmlinux.length == 0) {
                continue;
            }
            Optional<KernelConfig> c = configIn(vmlinux);
            if (c.isPresent()) {
                return c;
            }
        }
        return configIn(b);
    }

    private static Optional<KernelConfig> configIn(byte[] b) {
        int st = indexOf(b, IKCFG_ST, 0);
        if (st < 0) {
            return Optional.empty();
        }
        byte[] text = gunzip(b, st + IKCFG_ST.length);
        return text.length == 0 ? Optional.empty() : Optional.of(KernelConfig.parse(new String(text, StandardCharsets.UTF_8)));
    }

    /** The gzip stream starting at {@code at}, inflated (empty when it is not one; trailing bytes are ignored). */
    private static byte[] gunzip(byte[] b, int at) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(b, at, b.length - at), 1 << 16)) {
            byte[] chunk = new byte[1 << 16];
            for (int n; (n = in.read(chunk)) > 0; ) {
                out.write(chunk, 0, n);
            }
        } catch (IOException e) {
            // not a gzip stream, or garbage after its end: what inflated so far counts
        }
        return out.toByteArray();
    }

    static int indexOf(byte[] b, byte[] what, int from) {
        outer:
        for (int i = Math.max(0, from); i <= b.length - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (b[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
