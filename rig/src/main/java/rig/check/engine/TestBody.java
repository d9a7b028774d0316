package rig.check.engine;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileOutputStream;
import java.io.IOException;
import rig.sys.Trace;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.TestExecutionResult;
import rig.check.api.NotRunException;
import rig.check.api.NumberedTest;
import rig.check.api.TestEnv;

/**
 * Runs one numbered test in this JVM: opens its transcript ({@code NNN.out.bad}, written as the
 * test goes so that a hang leaves what it printed; the runner deletes it when it matches the
 * golden output) with the "QA output created by NNN" header, its {@code .full} log, and calls
 * {@link NumberedTest#run}. NotRunException aborts (not run), anything else fails.
 */
final class TestBody {

    static final String SEQRES_PARAM = "rig.seqres";
    static final String CONFIG_PARAM = "rig.config";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestBody() {
    }

    static String encodeConfig(Map<String, String> config) {
        try {
            return JSON.writeValueAsString(config);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the configuration", e);
        }
    }

    static TestExecutionResult run(TestClass test, ConfigurationParameters params) {
        Path seqres;
        Map<String, String> config;
        try {
            seqres = Path.of(params.get(SEQRES_PARAM).orElseThrow(
                    () -> new IllegalStateException("no " + SEQRES_PARAM + " given to the rig engine")));
            config = JSON.readValue(params.get(CONFIG_PARAM).orElse("{}"), new TypeReference<Map<String, String>>() { });
            Files.createDirectories(seqres.getParent());
        } catch (IOException | RuntimeException e) {
            return TestExecutionResult.failed(e);
        }
        try (PrintStream out = open(seqres, ".out.bad"); PrintStream full = open(seqres, ".full")) {
            out.println("QA output created by " + test.seq());
            try {
                NumberedTest body = (NumberedTest) test.type().getDeclaredConstructor().newInstance();
                Trace.mark("worker: " + test.id() + " body starts");
                body.run(new Env(test.id(), out, full, seqres, Map.copyOf(config)));
                Trace.mark("worker: " + test.id() + " body ended");
                return TestExecutionResult.successful();
            } catch (Throwable t) {
                Throwable cause = t instanceof InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : t;
                if (cause instanceof NotRunException) {
                    return TestExecutionResult.aborted(cause);
                }
                full.println("test failed with " + cause);
                cause.printStackTrace(full);
                return TestExecutionResult.failed(cause);
            }
        } catch (IOException e) {
            return TestExecutionResult.failed(e);
        }
    }

    private static PrintStream open(Path seqres, String extension) throws IOException {
        return new PrintStream(new FileOutputStream(seqres + extension), true, StandardCharsets.UTF_8);
    }

    private record Env(String id, PrintStream out, PrintStream full, Path seqres, Map<String, String> config)
            implements TestEnv {
    }
}
