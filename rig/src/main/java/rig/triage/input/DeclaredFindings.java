package rig.triage.input;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import rig.checkers.kmsg.ExpectedKernelLog;
import rig.triage.log.Finding;
import rig.triage.log.FindingSink;
import rig.triage.signature.Scope;

/**
 * The kernel-log lines a test declared expected ({@code NNN.dmesg.expected}, written by the kernel-log
 * checker from {@code @Fstest(expectedKernelLog)}), applied to the findings of its kernel log (NNN.dmesg,
 * or its kernel-log element in result.xml) with the checker's own rule: a finding is declared when one of
 * its evidence lines matches a declared pattern and none of them is a failure line (WARNING, BUG, ...)
 * that no pattern declares.
 */
final class DeclaredFindings {
    private final ExpectedKernelLog expected;

    private DeclaredFindings(ExpectedKernelLog expected) {
        this.expected = expected;
    }

    /**
     * Where the findings of test {@code base}'s kernel log go ({@code base}: "101" beside NNN.dmesg, "rig/101"
     * beside result.xml): those {@code dir/base.dmesg.expected} declares to {@link ScopedSink#declared}, the
     * others to {@link ScopedSink#accept}. Without the file, all go to accept; a file that cannot be read is
     * reported to {@code problems} and the log is read as if nothing was declared.
     */
    static FindingSink kernelLogSink(Path dir, String base, ScopedSink sink, Scope scope, Consumer<String> problems) {
        Optional<ExpectedKernelLog> declared = Optional.empty();
        try {
            declared = dir == null ? declared : ExpectedKernelLog.beside(dir, base);
        } catch (IOException | UncheckedIOException e) {
            problems.accept(e.getMessage() + " (" + scope.source() + " read as if nothing was declared)");
        }
        if (declared.isEmpty()) {
            return f -> sink.accept(scope, f);
        }
        DeclaredFindings d = new DeclaredFindings(declared.get());
        return f -> {
            if (d.declares(f)) {
                sink.declared(scope, f);
            } else {
                sink.accept(scope, f);
            }
        };
    }

    boolean declares(Finding f) {
        List<String> ev = f.evidence();
        return ev.stream().anyMatch(expected::declares) && ev.stream().noneMatch(expected::fails);
    }
}
