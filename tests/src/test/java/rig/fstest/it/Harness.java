package rig.fstest.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import rig.check.api.Fstest;
import rig.check.api.NumberedTest;
import rig.check.api.TestEnv;

/**
 * Runs a numbered test in this JVM the way the runner does (header, transcript, .full) and
 * returns its transcript and golden output, so that an IT can compare them.
 */
final class Harness {

    record Outcome(String transcript, String golden, String full) {
        /** What the gap checker would say: the verifier's reports in .full all have 0 findings. */
        boolean noGaps() {
            return full.lines().filter(l -> l.startsWith("gap verifier: ")).allMatch(l -> l.endsWith(", 0 finding(s)"));
        }
    }

    private Harness() {
    }

    static Outcome run(Class<? extends NumberedTest> type, Map<String, String> config, Path results) throws Exception {
        Fstest decl = type.getAnnotation(Fstest.class);
        String seq = decl.id().substring(decl.id().indexOf('/') + 1);
        Outcome o = run(type.getDeclaredConstructor().newInstance(), decl.id(), config, results);
        return new Outcome(o.transcript(), golden(type, seq), o.full());
    }

    /** Runs a test object under {@code id}; no golden output. */
    static Outcome run(NumberedTest t, String id, Map<String, String> config, Path results) throws Exception {
        String seq = id.substring(id.indexOf('/') + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream full = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream f = new PrintStream(full, true, StandardCharsets.UTF_8)) {
            o.println("QA output created by " + seq);
            Path seqres = results.resolve(seq);
            Files.createDirectories(results);
            try {
                t.run(new Env(id, o, f, seqres, config));
            } finally {
                Files.write(results.resolve(seq + ".full"), full.toByteArray());
            }
        }
        return new Outcome(out.toString(StandardCharsets.UTF_8), "", full.toString(StandardCharsets.UTF_8));
    }

    static String golden(Class<?> type, String seq) throws IOException {
        try (InputStream in = type.getResourceAsStream(seq + ".out")) {
            if (in == null) {
                throw new IOException("no golden output " + seq + ".out beside " + type.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private record Env(String id, PrintStream out, PrintStream full, Path seqres, Map<String, String> config)
            implements TestEnv {
    }
}
