package rig.fstest.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import rig.check.api.NumberedTest;
import rig.sys.Exec;
import rig.tests.generic.Generic647;
import rig.tests.generic.Generic708;
import rig.tests.generic.Generic729;

/**
 * The mmap tests on btrfs, xfs and ext4 on loop devices, run in this JVM the runner's way: the
 * transcript must equal the golden output.
 */
class GenericTestsIT {

    @ParameterizedTest
    @ValueSource(strings = {"btrfs", "xfs", "ext4"})
    void mmapTestsPass(String fstyp) throws Exception {
        assumeTrue(Exec.onPath("mkfs." + fstyp), "mkfs." + fstyp + " not installed");
        try (Scratchpad pad = new Scratchpad()) {
            Map<String, String> cfg = pad.config(fstyp, 512L << 20);
            Path results = Files.createDirectories(Path.of("target", "it-results", fstyp));
            for (Class<? extends NumberedTest> t : java.util.List.of(Generic708.class, Generic647.class, Generic729.class)) {
                Harness.Outcome o = Harness.run(t, cfg, results);
                assertEquals(o.golden(), o.transcript(), t.getSimpleName() + " on " + fstyp + "; .full:\n" + o.full());
                assertTrue(o.noGaps(), t.getSimpleName() + " on " + fstyp + ": the gap verifier found lost data:\n" + o.full());
            }
        }
    }
}
