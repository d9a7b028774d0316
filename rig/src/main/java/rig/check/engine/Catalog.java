package rig.check.engine;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.junit.platform.commons.support.ReflectionSupport;
import rig.check.api.Fstest;
import rig.check.api.NumberedTest;

/**
 * Every numbered test on the classpath under a package (default {@code rig.tests}): classes
 * annotated {@link Fstest} implementing {@link NumberedTest}, by id. Scanned once per JVM and
 * package (junit-platform-commons' classpath scanning).
 */
public final class Catalog {

    public static final String DEFAULT_PACKAGE = "rig.tests";
    private static final Pattern ID = Pattern.compile("[a-z0-9_-]+/[0-9A-Za-z_-]+");
    private static final Map<String, Catalog> SCANNED = new ConcurrentHashMap<>();

    private final Map<String, TestClass> byId;

    private Catalog(Map<String, TestClass> byId) {
        this.byId = byId;
    }

    public static Catalog of(String basePackage) {
        return SCANNED.computeIfAbsent(basePackage, Catalog::scan);
    }

    private static Catalog scan(String basePackage) {
        Map<String, TestClass> byId = new TreeMap<>();
        List<Class<?>> classes = ReflectionSupport.findAllClassesInPackage(basePackage,
                c -> c.isAnnotationPresent(Fstest.class), name -> true);
        for (Class<?> c : classes) {
            Fstest decl = c.getAnnotation(Fstest.class);
            if (!ID.matcher(decl.id()).matches()) {
                throw new IllegalStateException(c.getName() + " declares id \"" + decl.id()
                        + "\"; a numbered test id is suite/NNN, e.g. generic/250");
            }
            if (!NumberedTest.class.isAssignableFrom(c)) {
                throw new IllegalStateException(c.getName() + " is annotated @Fstest but does not implement "
                        + NumberedTest.class.getName());
            }
            TestClass previous = byId.put(decl.id(), new TestClass(decl.id(), c, decl));
            if (previous != null) {
                throw new IllegalStateException("two classes declare " + decl.id() + ": "
                        + previous.type().getName() + " and " + c.getName() + "; renumber one");
            }
        }
        return new Catalog(byId);
    }

    public Optional<TestClass> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** All tests, sorted by id. */
    public Collection<TestClass> all() {
        return byId.values();
    }

    public boolean hasSuite(String suite) {
        return byId.values().stream().anyMatch(t -> t.suite().equals(suite));
    }

    public boolean hasGroup(String group) {
        return byId.values().stream().anyMatch(t -> List.of(t.declaration().groups()).contains(group));
    }
}
