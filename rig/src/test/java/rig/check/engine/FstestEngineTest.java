package rig.check.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import rig.check.engine.WorkerProtocol.Reply;
import rig.check.engine.WorkerProtocol.Request;

class FstestEngineTest {

    private static final String PKG = "rig.check.runfixtures";

    @TempDir
    Path results;

    @Test
    void discoveryNamesTestsByIdWithGroupsAsTags() {
        TestPlan plan = Launchers.create().discover(LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectPackage(PKG))
                .configurationParameter(FstestEngine.PACKAGE_PARAM, PKG).build());
        List<TestIdentifier> tests = plan.getRoots().stream().flatMap(r -> plan.getDescendants(r).stream())
                .filter(TestIdentifier::isTest).toList();
        assertEquals(List.of("unit/001", "unit/002", "unit/003"), tests.stream().map(TestIdentifier::getDisplayName).toList());
        TestIdentifier first = tests.get(0);
        assertEquals("[engine:rig-fstests]/[fstest:unit%2F001]", first.getUniqueId(), "the id, URL-encoded by the platform");
        assertEquals(Set.of("auto", "quick"), first.getTags().stream().map(TestTag::getName).collect(Collectors.toSet()));
    }

    private Reply run(String id) {
        Path seqres = results.resolve(id);
        return WorkerMain.run(Launchers.create(), new Request(id, seqres.toString(), Map.of("FSTYP", "xfs"), PKG));
    }

    @Test
    void aPassingBodyWritesItsTranscriptAfterTheHeader() throws Exception {
        Reply r = run("unit/001");
        assertEquals(WorkerProtocol.ReplyType.DONE, r.type());
        assertEquals(WorkerProtocol.BodyOutcome.RAN, r.outcome());
        assertEquals(List.of("QA output created by 001", "hello from unit/001 seq 001 FSTYP=xfs"),
                Files.readAllLines(results.resolve("unit/001.out.bad")));
        assertEquals("details for a person\n", Files.readString(results.resolve("unit/001.full")));
    }

    @Test
    void notRunExceptionIsNotRunWithItsReason() {
        Reply r = run("unit/002");
        assertEquals(WorkerProtocol.BodyOutcome.NOT_RUN, r.outcome());
        assertEquals("reflink not supported by ext4", r.message());
    }

    @Test
    void anExceptionFailsTheTestWithItsTraceInFull() throws Exception {
        Reply r = run("unit/003");
        assertEquals(WorkerProtocol.BodyOutcome.ERROR, r.outcome());
        assertEquals("IOException: pwrite: Input/output error", r.message());
        assertTrue(Files.readString(results.resolve("unit/003.full")).contains("at rig.check.runfixtures.RunFixtures$Throws.run"));
        assertEquals(List.of("QA output created by 003", "before the failure"), Files.readAllLines(results.resolve("unit/003.out.bad")));
    }

    @Test
    void anUnknownIdIsAnError() {
        assertEquals(WorkerProtocol.BodyOutcome.ERROR, run("unit/999").outcome());
    }
}
