package rig.devices.dm;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What device-mapper this host offers: whether the kernel has it, and which targets
 * {@code dmsetup targets} lists. {@link #missing} says, in one line, why a set of targets
 * cannot be used.
 */
public record DmSupport(boolean kernel, Set<String> targets, String problem) {

    public static final String NO_KERNEL = "device-mapper not available in this kernel";

    /** The targets fstests' dmerror and dmflakey helpers need. */
    public static final List<String> DMERROR_AND_FLAKEY = List.of("linear", "error", "flakey");

    /**
     * Reads detection facts: /proc/misc's text (lists "device-mapper" when the driver is
     * built in or loaded) or /sys/class/misc/device-mapper, and {@code dmsetup targets}' output
     * (null if it could not run, with {@code dmsetupProblem} saying why). A /dev/mapper/control
     * node alone proves nothing: dmsetup creates it even when the kernel has no driver.
     */
    static DmSupport of(String procMisc, boolean miscClassEntry, String targetsOutput, String dmsetupProblem) {
        boolean kernel = miscClassEntry || procMisc.lines().anyMatch(l -> l.strip().endsWith(" device-mapper"));
        if (!kernel) {
            return new DmSupport(false, Set.of(), NO_KERNEL);
        }
        if (targetsOutput == null) {
            return new DmSupport(true, Set.of(), dmsetupProblem);
        }
        Set<String> targets = new TreeSet<>();
        targetsOutput.lines().map(String::strip).filter(l -> !l.isEmpty())
                .forEach(l -> targets.add(l.split("\\s+")[0]));
        return new DmSupport(true, Set.copyOf(targets), null);
    }

    public boolean has(String target) {
        return kernel && targets.contains(target);
    }

    /**
     * Empty when every target is there; otherwise the reason: "device-mapper not available in
     * this kernel", or "dm target flakey not available (dmsetup targets lists: error, linear)".
     */
    public Optional<String> missing(Collection<String> needed) {
        if (!kernel) {
            return Optional.of(NO_KERNEL);
        }
        if (problem != null) {
            return Optional.of(problem);
        }
        List<String> absent = needed.stream().filter(t -> !targets.contains(t)).toList();
        if (absent.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("dm target" + (absent.size() > 1 ? "s " : " ") + String.join(", ", absent)
                + " not available (dmsetup targets lists: " + String.join(", ", new TreeSet<>(targets))
                + "; try modprobe dm-" + absent.get(0) + ")");
    }
}
