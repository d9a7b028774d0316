package rig.engine.vm;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintWriter;
import java.util.Arrays;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * {@code java -cp ... rig.engine.vm.GuestTests CLASS...}: runs JUnit test classes through the
 * platform launcher and prints one line per test (passed, skipped with the reason, failed with
 * the cause) and the summary. Used inside a guest to run ITs the host cannot (DmDeviceIT needs
 * device-mapper). Exit status 0 only when tests ran, none failed and none was skipped.
 */
public final class GuestTests {

    private GuestTests() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: GuestTests CLASS... (fully qualified JUnit test classes)");
            System.exit(2);
        }
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(Arrays.stream(args).map(c -> selectClass(c)).toList()).build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        launcher.execute(request, summary, new Lines());
        TestExecutionSummary s = summary.getSummary();
        s.printTo(new PrintWriter(System.out, true));
        s.printFailuresTo(new PrintWriter(System.out, true), 20);
        boolean ok = s.getTestsSucceededCount() > 0 && s.getTotalFailureCount() == 0 && s.getTestsSkippedCount() == 0
                && s.getTestsAbortedCount() == 0;
        System.exit(ok ? 0 : 1);
    }

    /** One line per finished test method. */
    private static final class Lines implements TestExecutionListener {
        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            System.out.println("SKIPPED " + id.getDisplayName() + ": " + reason);
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            if (id.isTest()) {
                System.out.println(result.getStatus() + " " + id.getLegacyReportingName()
                        + result.getThrowable().map(t -> ": " + t).orElse(""));
            }
        }
    }
}
