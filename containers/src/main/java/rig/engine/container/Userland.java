package rig.engine.container;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import rig.sys.Tools;

/**
 * A userland the container engine runs the rig in: a Debian suite for the base root file system
 * and, for a backports userland, the suite the file system tools come from. Its packages are
 * what {@code ./check} runs (the "check" rows of tools.tsv) and a JRE the suite has.
 */
public record Userland(String name, String suite, String toolsSuite, String jre) {

    /** The userlands {@code --userland} takes. */
    public static final Map<String, Userland> KNOWN = Map.of(
            "bookworm", new Userland("bookworm", "bookworm", "bookworm", "openjdk-17-jre-headless"),
            "bookworm-backports", new Userland("bookworm-backports", "bookworm", "bookworm-backports",
                    "openjdk-17-jre-headless"),
            "trixie", new Userland("trixie", "trixie", "trixie", "openjdk-21-jre-headless"));

    /** The file system tools whose versions the image and the results record. */
    public static final List<String> RECORDED = List.of("btrfs-progs", "xfsprogs", "e2fsprogs", "util-linux");

    /** The userland called {@code name}; a bad name is one line naming the known ones (exit status 2). */
    public static Userland named(String name) {
        Userland u = KNOWN.get(name);
        if (u == null) {
            throw new rig.config.UserInputException("no userland '" + name + "': --userland takes "
                    + String.join(", ", KNOWN.keySet().stream().sorted().toList()));
        }
        return u;
    }

    /** Whether the tools come from another suite than the base (backports). */
    public boolean backports() {
        return !toolsSuite.equals(suite);
    }

    /** Every package the image installs over the base. */
    public List<String> packages() {
        List<String> p = new ArrayList<>(Tools.packagesFor("check"));
        p.add(jre);
        return p;
    }
}
