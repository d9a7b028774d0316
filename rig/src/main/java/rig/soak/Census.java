package rig.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What the rig has on this host right now, by kind: loop devices over rig files, FUSE mounts of the Java
 * device, mounts under the rig's directories, tracing instances, rig processes, files in /dev/shm and claims
 * in the registry. A soak takes one before it starts and one after each iteration: what is new is a leak.
 */
record Census(Map<String, Set<String>> items) {
    static final List<String> KINDS = List.of("loop", "fuse", "mounts", "tracing", "processes", "shm", "claims");

    static Census take(Path stateDir, long self) {
        Map<String, Set<String>> m = new TreeMap<>();
        m.put("loop", loops());
        Set<String> fuse = new TreeSet<>();
        Set<String> mounts = new TreeSet<>();
        for (String line : lines(Path.of("/proc/self/mounts"))) {
            String[] f = line.split(" ");
            if (f.length > 2 && f[2].startsWith("fuse.rig")) {
                fuse.add(f[1]);
            } else if (f.length > 2 && (f[1].startsWith("/tmp/rig-") || f[1].contains("/rig-dev-"))) {
                mounts.add(f[1]);
            }
        }
        m.put("fuse", fuse);
        m.put("mounts", mounts);
        m.put("tracing", names(Path.of("/sys/kernel/tracing/instances"), "rig-"));
        m.put("processes", processes(self));
        m.put("shm", names(Path.of("/dev/shm"), "rig-"));
        m.put("claims", names(stateDir, ""));
        return new Census(m);
    }

    /** What this census has that {@code before} had not. */
    Census minus(Census before) {
        Map<String, Set<String>> m = new TreeMap<>();
        items.forEach((k, v) -> {
            Set<String> s = new TreeSet<>(v);
            s.removeAll(before.items.getOrDefault(k, Set.of()));
            m.put(k, s);
        });
        return new Census(m);
    }

    int total() {
        return items.values().stream().mapToInt(Set::size).sum();
    }

    /** "loop 0 fuse 0 mounts 0 tracing 0 processes 0 shm 0 claims 0". */
    String counts() {
        StringBuilder b = new StringBuilder();
        for (String k : KINDS) {
            b.append(b.length() == 0 ? "" : " ").append(k).append(' ').append(items.getOrDefault(k, Set.of()).size());
        }
        return b.toString();
    }

    /** Each leaked thing, one per line. */
    List<String> details() {
        List<String> out = new ArrayList<>();
        items.forEach((k, v) -> v.forEach(x -> out.add(k + ": " + x)));
        return out;
    }

    private static Set<String> loops() {
        Set<String> out = new TreeSet<>();
        try (Stream<Path> blocks = Files.list(Path.of("/sys/block"))) {
            for (Path b : (Iterable<Path>) blocks::iterator) {
                Path backing = b.resolve("loop/backing_file");
                if (Files.isReadable(backing)) {
                    String file = read(backing);
                    if (file.contains("/rig-")) {
                        out.add("/dev/" + b.getFileName() + " " + file);
                    }
                }
            }
        } catch (IOException e) {
            out.add("cannot list /sys/block: " + e.getMessage());
        }
        return out;
    }

    private static Set<String> processes(long self) {
        Set<String> out = new TreeSet<>();
        ProcessHandle.allProcesses().filter(p -> p.pid() != self).forEach(p -> {
            String cmd = cmdline(p).replace('\0', ' ');
            if (cmd.contains("rig.cli.RigMain") || cmd.contains("rig.check.engine.WorkerMain")
                    || cmd.contains("rig.devices.java.DeviceServer") || cmd.contains("rig.devices.own.Reaper")) {
                out.add(p.pid() + " " + (cmd.length() > 120 ? cmd.substring(cmd.length() - 120) : cmd));
            }
        });
        return out;
    }

    private static Set<String> names(Path dir, String prefix) {
        Set<String> out = new TreeSet<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> s = Files.list(dir)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).forEach(out::add);
        } catch (IOException e) {
            out.add("cannot list " + dir + ": " + e.getMessage());
        }
        return out;
    }

    private static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (IOException e) {
            return List.of();
        }
    }

    /** A process's command line, its arguments separated by NUL; "" once it is gone. */
    static String cmdline(ProcessHandle p) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline"));
        } catch (IOException e) {
            return "";
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
