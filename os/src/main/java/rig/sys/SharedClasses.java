package rig.sys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Application class-data sharing (AppCDS, JDK 17 dynamic archives) for the rig's child JVMs:
 * each kind of child (the test worker, the device server) maps the classes it loaded last time
 * from an archive instead of parsing and verifying them again, which saves a few hundred ms of
 * CPU per start. {@code bin/rig} names the archive directory ({@value #DIR_PROPERTY}, under
 * {@code tests/target}) and a key of the class path, the jars' sizes and times and the java
 * binary ({@value #KEY_PROPERTY}): a rebuild changes the key, so a stale archive is never used.
 * The first child of a kind with a new key writes its archive when it exits (to a temporary
 * name, moved into place only after a clean exit); the next ones use it. Without the
 * properties (a JVM not started by bin/rig) children run as before.
 */
public final class SharedClasses {

    public static final String DIR_PROPERTY = "rig.cds.dir";
    public static final String KEY_PROPERTY = "rig.cds.key";
    static final String JFFI_PROPERTY = "jffi.boot.library.path";

    /** What a child JVM gets: its options, and what its parent does once it has exited. */
    public static final class Archive {
        private final List<String> options;
        private final Path pending;
        private final Path target;

        private Archive(List<String> options, Path pending, Path target) {
            this.options = options;
            this.pending = pending;
            this.target = target;
        }

        /** JVM options to add before the main class. */
        public List<String> options() {
            return options;
        }

        /** Whether this child writes the archive at its exit (its exit takes a little longer). */
        public boolean dumping() {
            return pending != null;
        }

        /** After the child exited with {@code status}: publishes a complete archive, drops an incomplete one. */
        public void exited(int status) {
            if (pending == null || !Files.exists(pending)) {
                return;
            }
            try {
                if (status == 0 && Files.size(pending) > 0) {
                    Files.move(pending, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } else {
                    Files.deleteIfExists(pending);
                }
            } catch (IOException e) {
                try {
                    Files.deleteIfExists(pending);
                } catch (IOException ignored) {
                    // a leftover temporary archive in target/ harms nothing; the next build removes it
                }
            }
        }
    }

    private SharedClasses() {
    }

    /**
     * The start-up options for a child JVM running {@code mainClass} on this JVM's class path: the
     * archive's, and jnr's native stub directory ({@value #JFFI_PROPERTY}, set by bin/rig: jffi
     * then loads its library from the build instead of copying it out of its jar into /tmp at
     * every start, ~25 ms).
     */
    public static Archive forChild(String mainClass) {
        List<String> inherit = new java.util.ArrayList<>();
        String jffi = System.getProperty(JFFI_PROPERTY);
        if (jffi != null && !jffi.isBlank()) {
            inherit.add("-D" + JFFI_PROPERTY + "=" + jffi);
        }
        String dir = System.getProperty(DIR_PROPERTY);
        String key = System.getProperty(KEY_PROPERTY);
        if (dir == null || key == null || dir.isBlank() || !key.matches("[0-9a-zA-Z]+")) {
            return new Archive(List.copyOf(inherit), null, null);
        }
        inherit.add("-D" + DIR_PROPERTY + "=" + dir);
        inherit.add("-D" + KEY_PROPERTY + "=" + key);
        Path target = Path.of(dir, mainClass + "-" + key + ".jsa");
        if (Files.isRegularFile(target)) {
            return new Archive(concat(inherit, "-XX:SharedArchiveFile=" + target), null, null);
        }
        if (!Files.isDirectory(target.getParent()) || !Files.isWritable(target.getParent())) {
            return new Archive(List.copyOf(inherit), null, null);
        }
        Path pending = Path.of(target + "." + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".tmp");
        // CDS warns on stdout about classes it cannot archive (picocli's Java 5 classes): keep them off the pipe
        return new Archive(concat(concat(inherit, "-XX:ArchiveClassesAtExit=" + pending), "-Xlog:cds*=off"),
                pending, target);
    }

    private static List<String> concat(List<String> a, String b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.add(b);
        return List.copyOf(all);
    }
}
