package rig.checkers.blocked;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Tasks (threads) of the host from /proc/PID/task/TID/stat, and their kernel stacks. */
final class ProcTasks {

    record Task(int pid, int tid, String comm, char state, long startTicks, boolean kernelThread) {
    }

    /** PF_KTHREAD in the flags field (9) of /proc/PID/stat. */
    private static final long PF_KTHREAD = 0x00200000L;

    private ProcTasks() {
    }

    /** Every task in state D (uninterruptible sleep) right now. */
    static List<Task> blocked() {
        List<Task> out = new ArrayList<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), ProcTasks::numeric)) {
            for (Path proc : procs) {
                try (DirectoryStream<Path> tasks = Files.newDirectoryStream(proc.resolve("task"), ProcTasks::numeric)) {
                    for (Path task : tasks) {
                        Task t = read(Integer.parseInt(proc.getFileName().toString()), task);
                        if (t != null && t.state() == 'D') {
                            out.add(t);
                        }
                    }
                } catch (IOException e) {
                    // the process exited while we looked
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc: " + e.getMessage(), e);
        }
        return out;
    }

    private static boolean numeric(Path p) {
        String n = p.getFileName().toString();
        return !n.isEmpty() && n.chars().allMatch(Character::isDigit);
    }

    /** Parses a stat line: "TID (comm) S ... starttime(22) ..."; null when the task is gone. */
    static Task read(int pid, Path task) {
        try {
            return parseStat(pid, Files.readString(task.resolve("stat")));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static Task parseStat(int pid, String stat) {
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        String[] rest = stat.substring(close + 2).split(" ");
        return new Task(pid, Integer.parseInt(stat.substring(0, open).trim()), stat.substring(open + 1, close),
                rest[0].charAt(0), Long.parseLong(rest[19]), (Long.parseUnsignedLong(rest[6]) & PF_KTHREAD) != 0);
    }

    static String stack(int pid, int tid) {
        try {
            return Files.readString(Path.of("/proc", Integer.toString(pid), "task", Integer.toString(tid), "stack"));
        } catch (IOException e) {
            return "";
        }
    }

    static String wchan(int pid, int tid) {
        try {
            return Files.readString(Path.of("/proc", Integer.toString(pid), "task", Integer.toString(tid), "wchan")).trim();
        } catch (IOException e) {
            return "";
        }
    }
}
