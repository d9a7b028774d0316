package rig.check.runfixtures;

import java.io.IOException;
import rig.check.api.Fstest;
import rig.check.api.NotRunException;
import rig.check.api.NumberedTest;
import rig.check.api.TestEnv;

/** Numbered tests the engine tests execute in-process. */
public final class RunFixtures {
    private RunFixtures() {
    }

    @Fstest(id = "unit/001", groups = {"auto", "quick"})
    public static final class Prints implements NumberedTest {
        @Override
        public void run(TestEnv env) {
            env.out().println("hello from " + env.id() + " seq " + env.seq() + " FSTYP=" + env.config("FSTYP").orElse("?"));
            env.full().println("details for a person");
        }
    }

    @Fstest(id = "unit/002", groups = {"auto"})
    public static final class NotRun implements NumberedTest {
        @Override
        public void run(TestEnv env) {
            throw new NotRunException("reflink not supported by ext4");
        }
    }

    @Fstest(id = "unit/003", groups = {"auto"})
    public static final class Throws implements NumberedTest {
        @Override
        public void run(TestEnv env) throws IOException {
            env.out().println("before the failure");
            throw new IOException("pwrite: Input/output error");
        }
    }
}
