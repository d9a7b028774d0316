package rig.triage.input;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import rig.checkers.kmsg.ExpectedKernelLog;
import rig.triage.log.Finding;

/**
 * The kernel-log lines a test declared expected ({@code NNN.dmesg.expected}, written by the kernel-log
 * checker from {@code @Fstest(expectedKernelLog)}), applied to the findings of its NNN.dmesg with the
 * checker's own rule: a finding is declared when one of its evidence lines matches a declared pattern and
 * none of them is a failure line (WARNING, BUG, ...) that no pattern declares.
 */
final class DeclaredFindings {
    private final ExpectedKernelLog expected;

    private DeclaredFindings(ExpectedKernelLog expected) {
        this.expected = expected;
    }

    /** The declarations of test {@code base} ("101") in {@code dir}, or empty when the run wrote none. */
    static Optional<DeclaredFindings> beside(Path dir, String base) throws IOException {
        return dir == null ? Optional.empty() : ExpectedKernelLog.beside(dir, base).map(DeclaredFindings::new);
    }

    boolean declares(Finding f) {
        List<String> ev = f.evidence();
        return ev.stream().anyMatch(expected::declares) && ev.stream().noneMatch(expected::fails);
    }
}
