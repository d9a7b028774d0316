package rig.engine.vm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The host directories a guest must see to run this tree's {@code ./check}: the tree itself and
 * whatever its runtime class path ({@code tests/target/runtime.classpath}, absolute paths into
 * the tree and the local Maven repository) names outside it. The guest mounts each read-only at
 * the same path, so the class path works unchanged.
 */
public final class GuestClasspath {

    static final String CLASSPATH_FILE = "tests/target/runtime.classpath";

    private GuestClasspath() {
    }

    /** The entries of the tree's runtime class path. */
    public static List<String> entries(Path tree) throws IOException {
        Path cp = tree.resolve(CLASSPATH_FILE);
        if (!Files.isRegularFile(cp)) {
            throw new rig.sys.HostNotReadyException(cp + " is missing: build the tree first (./check -n builds it, or mvn -q -DskipTests"
                    + " package in " + tree + ")");
        }
        return List.of(Files.readString(cp).strip().split(":"));
    }

    public static List<Path> shares(Path tree, Path mavenRepository, List<String> entries) {
        Set<Path> roots = new LinkedHashSet<>();
        roots.add(tree);
        for (String e : entries) {
            if (e.isBlank()) {
                continue;
            }
            Path p = Path.of(e).toAbsolutePath().normalize();
            if (p.startsWith(tree)) {
                continue;
            }
            roots.add(p.startsWith(mavenRepository) ? mavenRepository : p.getParent());
        }
        List<Path> out = new ArrayList<>();
        for (Path r : roots) {
            if (roots.stream().noneMatch(o -> !o.equals(r) && r.startsWith(o))) {
                out.add(r);
            }
        }
        return out;
    }

    /** The local Maven repository: -Dmaven.repo.local, else ~/.m2/repository. */
    public static Path mavenRepository() {
        String local = System.getProperty("maven.repo.local");
        return (local != null && !local.isBlank() ? Path.of(local)
                : Path.of(System.getProperty("user.home"), ".m2", "repository")).toAbsolutePath().normalize();
    }
}
