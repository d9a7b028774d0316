package rig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import rig.check.run.Runner;

/** Exit statuses decided by the CLI for usage errors and dry runs (runs that execute tests: CheckCliIT). */
class RigMainTest {

    @BeforeEach
    void fixtures() {
        System.setProperty("rig.package", "rig.check.fixtures");
    }

    @AfterEach
    void clear() {
        System.clearProperty("rig.package");
    }

    @Test
    void dryRunListsAndExitsZero() {
        assertEquals(0, RigMain.run("check", "-n", "-g", "quick"));
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, RigMain.run("check", "--no-such-option"));
        assertEquals(2, RigMain.run("check", "-n", "generic/999"));
        assertEquals(2, RigMain.run("check", "-n", "-g", "nosuchgroup"));
        assertEquals(2, RigMain.run("check", "-n", "-R", "html"));
        assertEquals(2, RigMain.run("check", "-n", "-R", "xunit,html"));
        assertEquals(2, RigMain.run("check", "-n", "-i", "2", "-I", "2"));
        assertEquals(2, RigMain.run("check", "-n", "--config", "/nonexistent/local.config"));
        assertEquals(2, RigMain.run("nosuchcommand"));
    }

    @Test
    void reportFormatsAreFstests() {
        assertEquals(0, RigMain.run("check", "-n", "-R", "xunit", "-g", "quick"));
        assertEquals(0, RigMain.run("check", "-n", "-R", "xunit-quiet", "-g", "quick"));
        assertEquals(0, RigMain.run("check", "-n", "-R", "xunit,xunit-quiet", "-g", "quick"));
    }

    @Test
    void outcomesMapToStatuses() {
        assertEquals(ExitCode.OK, ExitCode.of(Runner.Outcome.PASSED));
        assertEquals(ExitCode.TEST_FAILED, ExitCode.of(Runner.Outcome.FAILED));
        assertEquals(ExitCode.HOST_LOST, ExitCode.of(Runner.Outcome.HOST_LOST));
        assertEquals(4, ExitCode.HOST_LOST.status());
        assertEquals(ExitCode.USAGE, ExitCode.of(2));
        assertEquals(ExitCode.INTERNAL, ExitCode.of(70));
        assertEquals(0, ExitCode.OK.status());
        assertEquals(1, ExitCode.TEST_FAILED.status());
        assertEquals(2, ExitCode.USAGE.status());
    }

    @Test
    void theWholeCliListsEveryCommandWhileCheckBuildsOnlyItself() {
        assertEquals(List.of("check", "bench", "soak", "report", "device", "triage"),
                List.copyOf(RigMain.commandLine().getSubcommands().keySet()).subList(0, 6));
        assertEquals(java.util.Set.of("check"), RigMain.checkOnly().getSubcommands().keySet());
        assertEquals(2, RigMain.run("bench"), "rig bench without a benchmark is a usage error");
    }
}
