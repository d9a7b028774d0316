package rig.engine.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The evidence of a container that outlived its timeout, read from this host's /proc before the
 * kill: every task of the container's process tree in D state, with its wait channel and kernel
 * stack ({@code /proc/PID/stack}), so the hang is named even when nothing inside could say it.
 */
final class ContainerHang {

    private ContainerHang() {
    }

    /** One block of lines per blocked task under {@code initPid} (the container's init, a host PID). */
    static List<String> evidence(long initPid) {
        List<String> lines = new ArrayList<>();
        List<ProcessHandle> tree = ProcessHandle.of(initPid)
                .map(p -> Stream.concat(Stream.of(p), p.descendants()).toList()).orElse(List.of());
        for (ProcessHandle p : tree) {
            for (long tid : tasks(p.pid())) {
                String state = field(tid, p.pid());
                if (state.equals("D")) {
                    lines.add("task " + read(p.pid(), tid, "comm") + ":" + tid + " blocked (D) in " + read(p.pid(), tid, "wchan"));
                    read(p.pid(), tid, "stack").lines().forEach(l -> lines.add("    " + l));
                }
            }
        }
        if (lines.isEmpty()) {
            lines.add("no task of the container (init pid " + initPid + ") is in D state: it is busy or waiting, not blocked");
        }
        return lines;
    }

    private static List<Long> tasks(long pid) {
        try (Stream<Path> s = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return s.map(t -> Long.parseLong(t.getFileName().toString())).sorted().toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static String field(long tid, long pid) {
        String stat = read(pid, tid, "stat");
        int close = stat.lastIndexOf(')');
        return close < 0 || close + 2 >= stat.length() ? "" : stat.substring(close + 2, close + 3);
    }

    private static String read(long pid, long tid, String file) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "task", Long.toString(tid), file)).strip();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
