package rig.checkers;

import java.nio.file.Path;
import java.util.Map;
import rig.check.api.CheckContext;
import rig.check.api.Fstest;

/** A CheckContext for integration tests, as the runner would give it. */
public record ItContext(String id, Path seqres, Map<String, String> config, Fstest declaration, boolean hung)
        implements CheckContext {

    @Fstest(id = "rig/900", groups = {"selftest"})
    static final class Plain {
    }

    @Fstest(id = "rig/901", groups = {"selftest"}, expectedKernelLog = {"rig_selftest_expected"})
    static final class ExpectsWarning {
    }

    public static Fstest plain() {
        return Plain.class.getAnnotation(Fstest.class);
    }

    public static Fstest expectingWarning() {
        return ExpectsWarning.class.getAnnotation(Fstest.class);
    }
}
