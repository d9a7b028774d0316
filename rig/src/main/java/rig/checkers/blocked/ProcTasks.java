package rig.checkers.blocked;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

    /**
     * Every task in state D (uninterruptible sleep) right now. The sampler calls this twice a
     * second through the whole run, so the scan is lean: names from one readdir each, one read
     * per task into a reused buffer, and a full parse only for the few tasks in D: in a TCG
     * guest every instruction of it is taken from the test's one emulated CPU.
     */
    static List<Task> blocked() {
        String[] procs = new File("/proc").list();
        if (procs == null) {
            throw new IllegalStateException("cannot list /proc");
        }
        byte[] buf = new byte[STAT_BYTES];
        List<Task> out = new ArrayList<>();
        for (String pid : procs) {
            if (!numeric(pid)) {
                continue;
            }
            String dir = "/proc/" + pid + "/task/";
            String[] tasks = new File(dir).list();
            if (tasks == null) {
                continue; // the process exited while we looked
            }
            for (String tid : tasks) {
                int n = readInto(dir + tid + "/stat", buf);
                if (n > 0 && stateOf(buf, n) == 'D') {
                    Task t = parseOrNull(Integer.parseInt(pid), new String(buf, 0, n, StandardCharsets.UTF_8));
                    if (t != null) {
                        out.add(t);
                    }
                }
            }
        }
        return out;
    }

    /** A stat line is under 400 bytes; the state sits right after the comm's closing parenthesis. */
    private static final int STAT_BYTES = 1024;

    private static int readInto(String file, byte[] buf) {
        try (FileInputStream in = new FileInputStream(file)) {
            return in.read(buf);
        } catch (IOException e) {
            return -1; // the task exited while we looked
        }
    }

    /** The state letter of a stat line ("TID (comm) S ..."), found from the last ')' as comm may hold one. */
    static char stateOf(byte[] stat, int length) {
        for (int i = length - 1; i > 0; i--) {
            if (stat[i] == ')') {
                return i + 2 < length ? (char) stat[i + 2] : '?';
            }
        }
        return '?';
    }

    private static Task parseOrNull(int pid, String stat) {
        try {
            return parseStat(pid, stat);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean numeric(String n) {
        return !n.isEmpty() && n.chars().allMatch(Character::isDigit);
    }

    /** Parses a stat line: "TID (comm) S ... flags(9) ... starttime(22) ...". */
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
