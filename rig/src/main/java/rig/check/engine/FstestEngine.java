package rig.check.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.PackageSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;

/**
 * The JUnit Platform engine of numbered tests ("rig-fstests"). Discovery: package, class and
 * unique-id selectors resolve to {@link Fstest}-annotated classes; each becomes one test whose
 * display name and unique-id segment are the test id and whose tags are its groups, so that
 * the launcher's TagFilter and PostDiscoveryFilters do the selection. Execution runs each test
 * body in this JVM (the worker), see {@link TestBody}.
 *
 * @see rig.check.api.Fstest
 */
public final class FstestEngine implements TestEngine {

    public static final String ID = "rig-fstests";
    public static final String SEGMENT = "fstest";
    /** Configuration parameter: base package to scan (default rig.tests). */
    public static final String PACKAGE_PARAM = "rig.package";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
        EngineDescriptor engine = new EngineDescriptor(uniqueId, "rig numbered tests");
        Catalog catalog = Catalog.of(request.getConfigurationParameters().get(PACKAGE_PARAM)
                .orElse(Catalog.DEFAULT_PACKAGE));
        Map<String, TestClass> found = new LinkedHashMap<>();
        for (PackageSelector s : request.getSelectorsByType(PackageSelector.class)) {
            String pkg = s.getPackageName();
            catalog.all().stream()
                    .filter(t -> t.type().getPackageName().equals(pkg) || t.type().getPackageName().startsWith(pkg + "."))
                    .forEach(t -> found.put(t.id(), t));
        }
        for (ClassSelector s : request.getSelectorsByType(ClassSelector.class)) {
            catalog.all().stream().filter(t -> t.type().getName().equals(s.getClassName()))
                    .forEach(t -> found.put(t.id(), t));
        }
        for (UniqueIdSelector s : request.getSelectorsByType(UniqueIdSelector.class)) {
            UniqueId id = s.getUniqueId();
            if (id.hasPrefix(uniqueId) && id.getSegments().size() == 2
                    && id.getLastSegment().getType().equals(SEGMENT)) {
                catalog.find(id.getLastSegment().getValue()).ifPresent(t -> found.put(t.id(), t));
            }
        }
        found.values().stream().sorted((a, b) -> a.id().compareTo(b.id()))
                .forEach(t -> engine.addChild(new FstestDescriptor(uniqueId, t)));
        return engine;
    }

    @Override
    public void execute(ExecutionRequest request) {
        TestDescriptor root = request.getRootTestDescriptor();
        var listener = request.getEngineExecutionListener();
        listener.executionStarted(root);
        for (TestDescriptor child : root.getChildren()) {
            if (child instanceof FstestDescriptor test) {
                listener.executionStarted(test);
                listener.executionFinished(test, TestBody.run(test.test(), request.getConfigurationParameters()));
            }
        }
        listener.executionFinished(root, org.junit.platform.engine.TestExecutionResult.successful());
    }
}
