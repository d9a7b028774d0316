package rig.fstest.io;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import rig.sys.Exec;

/** diff(1) of two files, as a test's transcript shows it: GNU diff's own output, nothing when they match. */
public final class Diff {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private Diff() {
    }

    /** {@code diff a b}: what it printed (stdout, then stderr), "" when the files are the same. */
    public static String files(Path a, Path b) throws IOException {
        Exec.Result r = Exec.run(TIMEOUT, null, Map.of("LC_ALL", "C"), List.of("diff", a.toString(), b.toString()));
        if (r.timedOut()) {
            throw new IOException("diff " + a + " " + b + " timed out after " + TIMEOUT.toSeconds() + " s");
        }
        return r.output();
    }
}
