package rig.checkers.blocked;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A kernel stack as /proc/PID/stack ("[&lt;0&gt;] btrfs_wait_ordered_extents+0x346/0x450 [btrfs]")
 * or a sysrq-w / hung-task dump ("btrfs_wait_ordered_extents+0x346/0x450 [btrfs]", "? foo+0x..")
 * prints it, and the function a task waits in: the first frame that is not scheduler, lock or
 * wait plumbing.
 */
public final class KernelStack {

    private static final Pattern FRAME = Pattern.compile("^\\s*(?:\\[\\s*\\d+\\.\\d+\\]\\s*)?(?:\\[<[0-9a-fx]+>\\]\\s*)?(\\?\\s+)?([A-Za-z_][\\w.]*)\\+0x");
    private static final Pattern PLUMBING = Pattern.compile("^_*("
            + "schedule|io_schedule|preempt_schedule|schedule_timeout|schedule_hrtimeout|schedule_preempt_disabled"
            + "|wait_for_completion|wait_for_common|do_wait_for_common|wait_on_bit|out_of_line_wait_on_bit|bit_wait"
            + "|wait_woken|prepare_to_wait|finish_wait|wait_on_page|folio_wait|wait_on_folio|folio_lock|lock_page"
            + "|rwsem_down|down_read|down_write|down|up_read|up_write|mutex_lock|mutex_lock_killable"
            + "|mutex_lock_interruptible|rt_mutex|rt_mutex_slowlock|percpu_down|percpu_rwsem|osq_lock|lock_sock"
            + "|do_nanosleep|hrtimer_nanosleep|msleep|usleep_range|wait_event|io_wait_event"
            + "|flush_work|synchronize_rcu|synchronize_srcu|wait_rcu_gp|filemap_fdatawait"
            + ")(\\w*)$");

    private final List<String> functions;

    private KernelStack(List<String> functions) {
        this.functions = functions;
    }

    /** The reliable frames (those not marked "?") of a stack text, innermost first. */
    public static KernelStack parse(String text) {
        List<String> fns = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher m = FRAME.matcher(line);
            if (m.find() && m.group(1) == null) {
                fns.add(m.group(2).replaceFirst("\\.(isra|constprop|part|cold|llvm)\\b.*$", ""));
            }
        }
        return new KernelStack(fns);
    }

    private static final Pattern TASK = Pattern.compile("task:(\\S+)\\s+state:(\\S+).*?\\bpid:\\s*(\\d+)");

    /** One task of a sysrq-w or hung-task dump: "umount:1465218" in state D and its stack. */
    public record DumpedTask(String comm, int pid, String state, KernelStack stack) {
        public String line() {
            return "task " + comm + ":" + pid + " (" + state + ") in " + stack.culprit();
        }
    }

    /** Splits a dump at its "task:NAME state:S ... pid:N" headers. */
    public static List<DumpedTask> tasksInDump(String dump) {
        List<DumpedTask> out = new ArrayList<>();
        String[] lines = dump.split("\n");
        for (int i = 0; i < lines.length; i++) {
            Matcher m = TASK.matcher(lines[i]);
            if (!m.find()) {
                continue;
            }
            StringBuilder body = new StringBuilder();
            int j = i + 1;
            while (j < lines.length && !TASK.matcher(lines[j]).find()) {
                body.append(lines[j++]).append('\n');
            }
            out.add(new DumpedTask(m.group(1), Integer.parseInt(m.group(3)), m.group(2), parse(body.toString())));
        }
        return out;
    }

    public List<String> functions() {
        return functions;
    }

    /** "btrfs_wait_ordered_extents", or the innermost frame when all are plumbing, or "?" when empty. */
    public String culprit() {
        for (String f : functions) {
            if (!plumbing(f)) {
                return f;
            }
        }
        return functions.isEmpty() ? "?" : functions.get(0);
    }

    static boolean plumbing(String fn) {
        return PLUMBING.matcher(fn).matches();
    }
}
