package rig.engine.container;

import java.util.Map;
import java.util.stream.Collectors;

/** A built userland image: its name, id, userland and the versions of its recorded packages (from its labels). */
public record UserlandImage(String name, String id, Userland userland, Map<String, String> packages) {

    static final String LABEL_USERLAND = "dev.rig.userland";
    static final String LABEL_PACKAGES = "dev.rig.packages";

    public UserlandImage {
        packages = Map.copyOf(packages);
    }

    /** "btrfs-progs=6.2-1 e2fsprogs=1.47.0-2 ..." (sorted): the label, RIG_USERLAND_PACKAGES and result.xml's USERLAND_PACKAGES. */
    public String packageLine() {
        return packages.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    /** The versions of a {@link #packageLine()}. */
    static Map<String, String> parsePackages(String line) {
        return java.util.Arrays.stream(line.strip().split("\\s+")).filter(w -> w.contains("="))
                .collect(Collectors.toMap(w -> w.substring(0, w.indexOf('=')), w -> w.substring(w.indexOf('=') + 1),
                        (a, b) -> b));
    }
}
