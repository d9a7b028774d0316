package rig.triage.input;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A test's kernel-log window on a shared host holds other runs' lines too. rig's kmsg window leaves out
 * its own "rig: start ID [PID.N]" / "rig: end ID [PID.N]" markers, so a marker in a test's log is another
 * rig process's test starting or ending. A line logged while such a test runs, that names only block
 * devices this test's own files (NNN.full, NNN.fsck, NNN.out.bad) never mention, is that test's, not
 * this one's: e.g. another run's "csum failed" on loop4 during rig/203's stall on loop1. Lines that name
 * no device, or one of this test's, are kept (a shared line is better kept than lost).
 */
final class ForeignLines {
    private static final Pattern MARKER = Pattern.compile("\\brig: (start|end) \\S+ \\[(\\d+\\.\\d+)\\]");
    private static final String DEVICE_NAME = "(?:loop\\d+|nbd\\d+|sd[a-z]+\\d*|vd[a-z]+\\d*|xvd[a-z]+\\d*|nvme\\d+n\\d+(?:p\\d+)?|dm-\\d+|zram\\d+)";
    private static final Pattern DEVICE = Pattern.compile("\\b(" + DEVICE_NAME + ")\\b");
    private static final Pattern DEV_PATH = Pattern.compile("/dev/(" + DEVICE_NAME + ")\\b");
    private static final String[] OWN_FILES = {".full", ".fsck", ".out.bad"};

    private final Set<String> openWindows = new HashSet<>();
    private final Supplier<Set<String>> ownDevices;
    private Set<String> own;

    /** {@code test}: the test's path below {@code dir} without suffix ("203" beside NNN.dmesg, "rig/203" beside result.xml). */
    ForeignLines(Path dir, String test) {
        this.ownDevices = () -> devicesIn(dir, test);
    }

    /** True for a marker of another run or a line of another run's test; call for every line in order. */
    boolean foreign(String line) {
        if (line.indexOf("rig: ") >= 0) {
            Matcher m = MARKER.matcher(line);
            if (m.find()) {
                if (m.group(1).equals("start")) {
                    openWindows.add(m.group(2));
                } else {
                    openWindows.remove(m.group(2));
                }
                return true;
            }
        }
        if (openWindows.isEmpty()) {
            return false;
        }
        if (own == null) {
            own = ownDevices.get();
        }
        Matcher d = DEVICE.matcher(line);
        boolean named = false;
        while (d.find()) {
            if (own.contains(d.group(1))) {
                return false;
            }
            named = true;
        }
        return named;
    }

    /** Devices named as /dev/NAME in the test's own files. */
    static Set<String> devicesIn(Path dir, String test) {
        Set<String> out = new HashSet<>();
        if (dir == null) {
            return out;
        }
        for (String suffix : OWN_FILES) {
            Path f = dir.resolve(test + suffix);
            if (!Files.isRegularFile(f)) {
                continue;
            }
            try (Stream<String> lines = Files.lines(f)) {
                lines.forEach(l -> {
                    Matcher m = DEV_PATH.matcher(l);
                    while (m.find()) {
                        out.add(m.group(1));
                    }
                });
            } catch (IOException | UncheckedIOException e) {
                // unreadable or not UTF-8: no devices from this file; the lines are then kept
            }
        }
        return out;
    }
}
