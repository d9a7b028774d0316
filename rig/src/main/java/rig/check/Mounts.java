package rig.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** This host's mounts, from /proc/self/mountinfo. */
final class Mounts {

    record Mount(String source, String target, String fstype) {
    }

    private static final Pattern OCTAL = Pattern.compile("\\\\([0-7]{3})");

    private Mounts() {
    }

    static List<Mount> read() {
        List<Mount> mounts = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String[] halves = line.split(" - ", 2);
                String[] left = halves[0].split(" ");
                String[] right = halves.length > 1 ? halves[1].split(" ") : new String[0];
                if (left.length > 4 && right.length > 1) {
                    mounts.add(new Mount(unescape(right[1]), unescape(left[4]), right[0]));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/mountinfo: " + e.getMessage(), e);
        }
        return mounts;
    }

    /** Where {@code device} is mounted (its real path compared with each mount's source). */
    static List<String> mountPointsOf(Path device) {
        String real = realPath(device);
        return read().stream().filter(m -> m.source().startsWith("/") && realPath(Path.of(m.source())).equals(real))
                .map(Mount::target).toList();
    }

    static Optional<Mount> at(Path mountPoint) {
        String target = realPath(mountPoint);
        List<Mount> all = read();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).target().equals(target)) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }

    static String realPath(Path p) {
        try {
            return p.toRealPath().toString();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize().toString();
        }
    }

    private static String unescape(String s) {
        Matcher m = OCTAL.matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Character.toString((char) Integer.parseInt(m.group(1), 8)));
        }
        m.appendTail(b);
        return b.toString();
    }
}
