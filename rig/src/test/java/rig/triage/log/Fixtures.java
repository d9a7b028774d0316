package rig.triage.log;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: fixture text from the seed threads, and scanning text into findings. */
public final class Fixtures {
    private Fixtures() {
    }

    /** A fixture from src/test/resources/rig/triage (each names its seed file and thread in its header). */
    public static String seed(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/rig/triage/" + name)) {
            if (in == null) {
                throw new IllegalStateException("fixture " + name + " missing from src/test/resources/rig/triage");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Finding> scan(String text) {
        List<Finding> out = new ArrayList<>();
        KernelLogScanner sc = new KernelLogScanner(out::add);
        try {
            LineAssembler.readAll(new StringReader(text), sc::accept);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sc.finish();
        return out;
    }
}
