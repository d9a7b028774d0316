package rig.check.engine;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import rig.check.engine.WorkerProtocol.BodyOutcome;
import rig.check.engine.WorkerProtocol.Reply;
import rig.check.engine.WorkerProtocol.Request;
import rig.sys.LibC;
import rig.sys.Trace;

/**
 * The warm child JVM that runs numbered tests for the runner, one after the other, through the
 * JUnit launcher. It reads requests on stdin and answers on stdout; it exits at end of input.
 * The runner kills it (by PID) when a test outlives its timeout and starts a fresh one.
 */
public final class WorkerMain {

    private static final int PR_SET_PDEATHSIG = 1;
    private static final int SIGKILL = 9;

    private WorkerMain() {
    }

    public static void main(String[] args) throws IOException {
        // the JUnit launcher and the test catalogue load while this thread binds libc
        CompletableFuture<Launcher> launcher = CompletableFuture.supplyAsync(() -> {
            Launcher l = Launchers.create();
            Catalog.of(Catalog.DEFAULT_PACKAGE);
            return l;
        });
        Trace.mark("worker: JVM up");
        // die with the runner: a SIGKILLed runner must not leave a worker stuck in a test. The
        // setting belongs to the calling thread (the kernel checks the threads alive when the
        // parent dies), so the main thread, which lives as long as the worker, makes it.
        LibC.INSTANCE.prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
        rig.devices.own.OwnerWatch.start("worker", () -> { });
        Trace.mark("worker: libc bound");
        PrintStream pipe = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        Launcher junit = launcher.join();
        Trace.mark("worker: launcher created, tests catalogued");
        pipe.println(WorkerProtocol.encode(Reply.ready(ProcessHandle.current().pid())));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            Request request = WorkerProtocol.decode(line, Request.class);
            Trace.mark("worker: request " + request.id());
            Reply reply = run(junit, request);
            Trace.mark("worker: reply " + request.id());
            pipe.println(WorkerProtocol.encode(reply));
        }
    }

    static Reply run(Launcher launcher, Request request) {
        UniqueId id = UniqueId.forEngine(FstestEngine.ID).append(FstestEngine.SEGMENT, request.id());
        LauncherDiscoveryRequest discovery = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectUniqueId(id))
                .configurationParameter(FstestEngine.PACKAGE_PARAM, request.basePackage())
                .configurationParameter(TestBody.SEQRES_PARAM, request.seqres())
                .configurationParameter(TestBody.CONFIG_PARAM, TestBody.encodeConfig(request.config()))
                .build();
        AtomicReference<TestExecutionResult> result = new AtomicReference<>();
        launcher.execute(discovery, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult r) {
                if (test.isTest()) {
                    result.set(r);
                }
            }
        });
        TestExecutionResult r = result.get();
        if (r == null) {
            return Reply.done(request.id(), BodyOutcome.ERROR, "the worker found no test " + request.id());
        }
        String message = r.getThrowable().map(WorkerMain::describe).orElse(null);
        return switch (r.getStatus()) {
            case SUCCESSFUL -> Reply.done(request.id(), BodyOutcome.RAN, null);
            case ABORTED -> Reply.done(request.id(), BodyOutcome.NOT_RUN, r.getThrowable().map(Throwable::getMessage).orElse(""));
            case FAILED -> Reply.done(request.id(), BodyOutcome.ERROR, message);
        };
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m.lines().findFirst().orElse(""));
    }
}
