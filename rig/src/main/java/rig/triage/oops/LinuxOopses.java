package rig.triage.oops;

import static rig.triage.oops.OopsFormat.title;
import static rig.triage.oops.StackFormat.TRACE;
import static rig.triage.oops.StackRules.CALL_TRACE;
import static rig.triage.oops.StackRules.RIP;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The Linux report types and their title formats: syzkaller's rules ({@code pkg/report/linux.go}), so
 * that a title here is the title syzbot gives the same report. Order matters: the first report type whose
 * header a line contains starts a report; within a type, the format whose title matches earliest wins.
 */
final class LinuxOopses {
    /** Lines that may appear inside a report without starting a new one. */
    static final List<Pattern> REPORT_START_IGNORES = Rx.all("invalid opcode: 0000", "Kernel panic - not syncing",
            "unregister_netdevice: waiting for", "PANIC: double fault", "Internal error:");
    /** Reports that are not bugs but carry a stack: seen inside another report, they end it. */
    static final List<String> INFO_WITH_STACK = List.of("vmalloc: allocation failure:",
            "FAULT_INJECTION: forcing a failure", "FAULT_FLAG_ALLOW_RETRY missing");

    static final List<Oops> ALL = List.of(bug(), warning(), info(),
            oops("Unable to handle kernel",
                    title("Unable to handle kernel (paging request|NULL pointer dereference|access to user memory)",
                            "BUG: unable to handle kernel %[1]v in %[2]v").stack(ripStack())),
            oops("general protection fault", List.of(Rx.of("general protection fault .* error:\\d+ in ")),
                    title("general protection fault.*:", "general protection fault in %[1]v").stack(ripStack())),
            oops("stack segment: ", title("stack segment: ", "stack segment fault in %[1]v").stack(ripStack())),
            panic(),
            oops("PANIC: double fault", title("PANIC: double fault", "PANIC: double fault in %[1]v").stack(StackFormat.of(RIP))),
            oops("rust_kernel: panicked", title("rust_kernel: panicked", "%[1]v in %[2]v")
                    .report("rust_kernel: panicked at [^\\n]*?\\n(.+?)\\n")
                    .stack(StackFormat.of(CALL_TRACE, TRACE).skip(Pattern.quote("__rustc::rust_begin_unwind")))),
            kernelBug(),
            oops("Kernel BUG", title("Kernel BUG (.*)", "kernel BUG %[1]v")),
            oops("BUG kmalloc-", title("BUG kmalloc-.*: Object already free", "BUG: Object already free")),
            oops("divide error:", title("divide error: ", "divide error in %[1]v").stack(StackFormat.of(RIP))),
            oops("divide_error:", title("divide_error: ", "divide error in %[1]v").stack(StackFormat.of(RIP))),
            oops("invalid opcode:", title("invalid opcode: ", "invalid opcode in %[1]v").stack(StackFormat.of(RIP))),
            oops("int3:", title("int3: ", "int3 in %[1]v").stack(ripStack())),
            ubsan(),
            oops("Booting the kernel.", List.of(Rx.of("Parsing ELF|Decompressing Linux|Unknown parameter '")),
                    title("^Booting the kernel", "unexpected kernel reboot").noStack()),
            oops("unregister_netdevice: waiting for", title("unregister_netdevice: waiting for (?:.*) to become free",
                    "unregister_netdevice: waiting for DEV to become free").noStack()),
            oops("VFS: Close: file count is 0",
                    title("VFS: Close: file count is 0", "VFS: Close: file count is zero (use-after-free)").noStack()),
            oops("VFS: Busy inodes after unmount",
                    title("VFS: Busy inodes after unmount", "VFS: Busy inodes after unmount (use-after-free)").noStack()),
            oops("Internal error:", title("Internal error:", "Internal error in %[1]v").stack(ripStack())),
            oops("Unhandled fault:", title("Unhandled fault:", "Unhandled fault in %[1]v").stack(ripStack())),
            oops("Alignment trap:", title("Alignment trap:", "Alignment trap in %[1]v").stack(ripStack())),
            oops("trusty: panic",
                    title("trusty: panic.* ASSERT FAILED", "trusty: ASSERT FAILED: %[1]v")
                            .report("trusty: panic \\(.*?\\):(?: DEBUG)? ASSERT FAILED at \\(.*?\\): (.+)").noStack(),
                    title("trusty: panic.* ASSERT FAILED.*: *(.*)", "trusty: ASSERT FAILED: %[1]v").corrupt(),
                    title("trusty: panic", "trusty: panic: %[1]v").report("trusty: panic \\(.*?\\): (.+)").noStack()),
            oops("fatal error:", List.of(Rx.of("ALSA"), Rx.of("fatal error: cannot create timer")),
                    title("fatal error:", "go runtime error").noStack()),
            oops("SYZFAIL:", title("SYZFAIL:(.*)", "SYZFAIL:%[1]v").noStack()),
            oops("SYZFATAL:", title("SYZFATAL:(.*)()", "SYZFATAL:%[1]v").noStack()),
            oops("panic:", List.of(Rx.of("_panic:"), Rx.of("xlog_status:"), Rx.of("ddb\\.onpanic:"), Rx.of("evtlog_status:")),
                    title("panic: Sentry detected .* stuck task", "panic: Sentry detected stuck tasks").noStack(),
                    title("panic:(.*)", "panic:%[1]v").noStack()));

    private LinuxOopses() {
    }

    private static Oops oops(String header, OopsFormat... formats) {
        return new Oops(header, List.of(formats), List.of());
    }

    private static Oops oops(String header, List<Pattern> suppressions, OopsFormat... formats) {
        return new Oops(header, List.of(formats), suppressions);
    }

    private static StackFormat ripStack() {
        return StackFormat.of(RIP, CALL_TRACE, TRACE);
    }

    private static StackFormat callTrace() {
        return StackFormat.of(CALL_TRACE, TRACE);
    }

    /** WARNING stacks start at the trapping RIP (x86) or "--- interrupt:" (powerpc); old kernels just print the stack. */
    private static StackFormat warningStack(String... skip) {
        return StackFormat.of(Rx.of("(?:" + RIP.pattern() + "|--- interrupt: [0-9]+ at {{FUNC}})"), TRACE)
                .orElse(CALL_TRACE, TRACE).skip(skip);
    }

    private static Oops bug() {
        String kasanIn = "BUG: KASAN: (?:[a-z\\-]+) in {{FUNC}}";
        String kfenceIn = "BUG: KFENCE: (?:[a-z\\- ]+) in {{FUNC}}";
        String invalidFree = "BUG: KASAN: (?:double-free or invalid-free|double-free|invalid-free) in {{FUNC}}";
        Pattern uninit = Rx.of("(Local variable .* created at:|Uninit was created at:)");
        return oops("BUG:", Rx.all("ODEBUG:", "Boot_DEBUG:", "xlog_status:", "DEBUG:", "BUG: no syscalls can create resource"),
                title("BUG: KASAN:", "KASAN: %[1]v %[3]v in %[4]v")
                        .report("BUG: KASAN: ([a-z\\-]+) in {{FUNC}}(?:.*\\n)+?.*(Read|Write) (?:of size|at addr) (?:[0-9a-f]+)")
                        .stack(StackFormat.of(Rx.of(kasanIn), CALL_TRACE, TRACE)
                                .skip("kernel_fault", "tag_check", "mem_abort", "^el1_", "^el1h_")),
                title("BUG: KASAN:", "KASAN: invalid-free in %[2]v").report(invalidFree)
                        .stack(StackFormat.of(Rx.of(invalidFree), CALL_TRACE, TRACE).skip("slab_", "kfree", "vunmap", "vfree")),
                title("BUG: KASAN: ([a-z\\-]+) on address(?:.*\\n)+?.*(Read|Write) of size ([0-9]+)", "KASAN: %[1]v %[2]v"),
                title("BUG: KASAN: (.*)", "KASAN: %[1]v").corrupt(),
                title("BUG: KMSAN: kernel-usb-infoleak", "KMSAN: kernel-usb-infoleak in %[2]v")
                        .report("BUG: KMSAN: kernel-usb-infoleak in {{FUNC}}")
                        .stack(StackFormat.of(TRACE, uninit, TRACE).skip("alloc_skb", "usb_submit_urb", "usb_start_wait_urb",
                                "usb_bulk_msg", "usb_interrupt_msg", "usb_control_msg")).noStack(),
                title("BUG: KMSAN:", "KMSAN: %[1]v in %[3]v").report("BUG: KMSAN: ([a-z\\-]+) in {{FUNC}}")
                        .stack(StackFormat.of(TRACE, uninit, TRACE).skip("alloc_skb", "netlink_ack", "netlink_rcv_skb",
                                "_encrypt$", "^(?:crypto|cipher|drbg|rng)_")).noStack(),
                title("BUG: KCSAN: data-race", "KCSAN: %[1]v").report("BUG: KCSAN: (.*)").noStack(),
                title("BUG: KCSAN:", "KCSAN: %[1]v").report("BUG: KCSAN: (.*)").noStack(),
                title("BUG: KFENCE: (use-after-free|out-of-bounds) (read|write) in {{FUNC}}", "KFENCE: %[1]v %[2]v in %[4]v")
                        .stack(StackFormat.of(Rx.of(kfenceIn), TRACE)),
                title("BUG: KFENCE: invalid free in {{FUNC}}", "KFENCE: invalid free in %[2]v").noStack()
                        .stack(StackFormat.of(Rx.of(kfenceIn), TRACE)),
                title("BUG: KFENCE: invalid (read|write) in {{FUNC}}", "KFENCE: invalid %[1]v in %[3]v")
                        .stack(StackFormat.of(Rx.of(kfenceIn), TRACE)),
                title("BUG: KFENCE: memory corruption in {{FUNC}}", "KFENCE: memory corruption in %[2]v").noStack()
                        .stack(StackFormat.of(Rx.of(kfenceIn), TRACE)),
                title("BUG: (?:unable to handle kernel paging request|unable to handle page fault for address"
                        + "|Unable to handle kernel data access)", "BUG: unable to handle kernel paging request in %[1]v")
                        .stack(ripStack()),
                title("BUG: (?:unable to handle kernel NULL pointer dereference|kernel NULL pointer dereference"
                        + "|Kernel NULL pointer dereference)", "BUG: unable to handle kernel NULL pointer dereference in %[1]v")
                        .stack(ripStack()),
                title("BUG: (?:unable to handle kernel|Unable to handle kernel)", "BUG: unable to handle kernel").corrupt(),
                title("BUG: (spinlock|rwlock) (lockup suspected|already unlocked|recursion|cpu recursion|bad magic"
                        + "|wrong owner|wrong CPU|trylock failure on UP)", "BUG: %[1]v %[2]v in %[3]v")
                        .stack(callTrace().skip("spin_", "_lock", "_unlock")),
                title("BUG: soft lockup", "BUG: soft lockup in %[1]v").stack(ripStack().extractor(FrameExtractor.STALL)),
                title("BUG: .*still has locks held!", "BUG: still has locks held in %[1]v")
                        .report("BUG: .*still has locks held!(?:.*\\n)+?.*{{PC}} +{{FUNC}}"),
                title("BUG: scheduling while atomic", "BUG: scheduling while atomic in %[1]v").stack(callTrace().skip("schedule")),
                title("BUG: lock held when returning to user space", "BUG: lock held when returning to user space in %[1]v")
                        .report("BUG: lock held when returning to user space(?:.*\\n)+?.*leaving the kernel with locks still held"
                                + "(?:.*\\n)+?.*at: (?:{{PC}} +)?{{FUNC}}").noStack(),
                title("BUG: bad unlock balance detected!", "BUG: bad unlock balance in %[1]v")
                        .stack(StackFormat.of(Rx.of("{{PC}} +{{FUNC}}"), CALL_TRACE, TRACE)),
                title("BUG: held lock freed!", "BUG: held lock freed in %[1]v")
                        .report("BUG: held lock freed!(?:.*\\n)+?.*{{PC}} +{{FUNC}}"),
                title("BUG: Bad rss-counter state", "BUG: Bad rss-counter state").noStack(),
                title("BUG: non-zero nr_ptes on freeing mm", "BUG: non-zero nr_ptes on freeing mm").noStack(),
                title("BUG: non-zero nr_pmds on freeing mm", "BUG: non-zero nr_pmds on freeing mm").noStack(),
                title("BUG: Dentry .* still in use", "BUG: Dentry still in use in %[1]v")
                        .report("BUG: Dentry .* still in use \\([0-9]+\\) \\[(unmount) of ([^\\]]+)\\]"),
                title("BUG: Bad page (state|cache)", "BUG: Bad page %[1]v in %[2]v")
                        .stack(StackFormat.of(Rx.of("page last allocated"), TRACE).skip("(free|put|get|update|release)_page",
                                "free_unref", "^_*folio", "truncate_inode_pages", "page_frag_free", "alloc", "vmap", "page_owner")),
                title("BUG: Bad page map", "BUG: Bad page map"),
                title("BUG: workqueue lockup", "BUG: workqueue lockup").noStack(),
                title("BUG: sleeping function called from invalid context at (.*)",
                        "BUG: sleeping function called from invalid context in %[2]v").stack(callTrace()),
                title("BUG: using ([a-z_]+)\\(\\) in preemptible", "BUG: using %[1]v() in preemptible code in %[2]v")
                        .stack(callTrace().skip("dump_stack", "preemption", "preempt", "debug_", "processor_id", "this_cpu")),
                title("BUG: workqueue leaked lock or atomic", "BUG: workqueue leaked lock or atomic in %[1]v")
                        .report("BUG: workqueue leaked lock or atomic(?:.*\\n)+?.*last function: ([a-zA-Z0-9_]+)\\n").noStack(),
                title("BUG: memory leak", "memory leak in %[1]v")
                        .stack(StackFormat.of(Rx.of("backtrace(?: \\(crc [[:xdigit:]]*\\))?:"), TRACE).skip("kmemleak", "mmap",
                                "kmem", "slab", "alloc", "create_object", "idr_get", "list_lru_init", "kasprintf", "kvasprintf",
                                "pcpu_create", "strdup", "strndup", "memdup")),
                title("BUG: .*stack guard page was hit at", "BUG: stack guard page was hit in %[1]v")
                        .stack(ripStack().extractor(FrameExtractor.STALL)),
                title("BUG: Invalid wait context", "WARNING: locking bug in %[1]v")
                        .stack(callTrace().skip("lock_sock", "release_sock")),
                title("BUG:[[:space:]]*(?:\\n|$)", "BUG: corrupted").corrupt());
    }

    private static Oops warning() {
        String atFunc = "at: (?:{{PC}} +)?{{FUNC}}";
        return oops("WARNING:", Rx.all("WARNING: /etc/ssh/moduli does not exist, using fixed modulus",
                        "WARNING: workqueue cpumask: online intersect > possible intersect", "WARNING: [Tt]he mand mount option",
                        "WARNING: Unsupported flag value\\(s\\) of 0x%x in DT_FLAGS_1", "WARNING: Unprivileged eBPF is enabled with eIBRS",
                        "WARNING: fbcon: Driver '(.*)' missed to adjust virtual screen size (\\((?:\\d+)x(?:\\d+) vs\\. (?:\\d+)x(?:\\d+)\\))",
                        "WARNING: See https.* for mitigation options.", "WARNING: kernel not compiled with CPU_SRSO",
                        "EXT4-[Ff][Ss](?: \\(.*\\))?:", "(?i)warning: .* uses (deprecated v2 capabilities|wireless extensions)",
                        "XFS \\(\\w+\\): WARNING"),
                title("WARNING: .*lib/debugobjects\\.c.* (?:debug_print|debug_check|at)", "WARNING: ODEBUG bug in %[1]v")
                        .stack(warningStack("debug_", "rcu", "hrtimer_", "timer_", "work_", "percpu_", "vunmap", "vfree",
                                "__free_", "debug_check", "kobject_")),
                title("WARNING: .*mm/usercopy\\.c.* (?:usercopy_warn|at)", "WARNING: bad usercopy in %[1]v")
                        .stack(warningStack("usercopy", "__check")),
                title("WARNING: .*lib/kobject\\.c.* (?:kobject_|at)", "WARNING: kobject bug in %[1]v").stack(warningStack("kobject_")),
                title("WARNING: .*fs/proc/generic\\.c.* (?:proc_register|at)", "WARNING: proc registration bug in %[1]v")
                        .stack(warningStack("proc_")),
                title("WARNING: .*lib/refcount\\.c.* (?:refcount_|at)", "WARNING: refcount bug in %[1]v")
                        .stack(warningStack("refcount", "kobject_")),
                title("WARNING: .*kernel/locking/lockdep\\.c.*lock_", "WARNING: locking bug in %[1]v")
                        .stack(warningStack("lock_sock", "release_sock")),
                title("WARNING: .*still has locks held!", "WARNING: still has locks held in %[1]v")
                        .report("WARNING: .*still has locks held!(?:.*\\n)+?.*at: {{FUNC}}"),
                title("WARNING: Nested lock was not taken", "WARNING: nested lock was not taken in %[1]v").stack(warningStack()),
                title("WARNING: lock held when returning to user space", "WARNING: lock held when returning to user space in %[1]v")
                        .report("WARNING: lock held when returning to user space(?:.*\\n)+?.*leaving the kernel with locks still held"
                                + "(?:.*\\n)+?.*" + atFunc).noStack(),
                title("WARNING: .*mm/.*\\.c.* k?.?malloc", "WARNING: kmalloc bug in %[1]v")
                        .stack(warningStack("kmalloc", "krealloc", "slab", "kmem")),
                title("WARNING: .*mm/vmalloc.c.*__vmalloc_node", "WARNING: zero-size vmalloc in %[1]v").stack(warningStack()),
                title("WARNING: .* usb_submit_urb", "WARNING in %[1]v/usb_submit_urb").stack(warningStack("usb_submit_urb",
                        "usb_start_wait_urb", "usb_bulk_msg", "usb_interrupt_msg", "usb_control_msg")),
                title("WARNING: {{SRC}} at 0x\\d+, CPU#\\d+", "WARNING in %[2]v").stack(warningStack()),
                title("WARNING: .* at {{SRC}} {{FUNC}}", "WARNING in %[3]v").stack(warningStack()),
                title("WARNING: {{SRC}} at {{FUNC}}", "WARNING in %[3]v").stack(warningStack()),
                title("WARNING: \\[.*\\] {{SRC}} at {{FUNC}}.*", "WARNING in %[3]v").stack(warningStack()),
                // beyond syzkaller: 2.6-era "WARNING: at file.c:12 func+0x1/0x2()", and a header whose function a
                // console wrapped onto the next line (the RIP or the stack still names it)
                title("WARNING: at {{SRC}} {{FUNC}}", "WARNING in %[3]v").stack(warningStack()),
                title("WARNING: (?:CPU: \\d+ PID: \\d+ )?at {{SRC}}", "WARNING in %[2]v").stack(warningStack()),
                title("WARNING: possible circular locking dependency detected", "possible deadlock in %[1]v")
                        .report("WARNING: possible circular locking dependency detected(?:.*\\n)+?.*is trying to acquire lock")
                        .stack(StackFormat.of(Rx.of(atFunc), Rx.of(atFunc), TRACE)
                                .skip("process_one_work", "flush_workqueue", "drain_workqueue", "destroy_workqueue")),
                title("WARNING: possible irq lock inversion dependency detected", "possible deadlock in %[1]v")
                        .report("WARNING: possible irq lock inversion dependency detected(?:.*\\n)+?.*just changed the state of lock"
                                + "(?:.*\\n)+?.*" + atFunc),
                title("WARNING: .*-safe -> .*-unsafe lock order detected", "possible deadlock in %[1]v")
                        .stack(StackFormat.of(Rx.of("which became (?:.*) at:"), TRACE)),
                title("WARNING: possible recursive locking detected", "possible deadlock in %[1]v")
                        .report("WARNING: possible recursive locking detected(?:.*\\n)+?.*is trying to acquire lock(?:.*\\n)+?.*" + atFunc),
                title("WARNING: inconsistent lock state", "inconsistent lock state in %[2]v")
                        .report("WARNING: inconsistent lock state(?:.*\\n)+?.*takes(?:.*\\n)+?.*" + atFunc).stack(callTrace()),
                title("WARNING: suspicious RCU usage", "WARNING: suspicious RCU usage in %[2]v")
                        .report("WARNING: suspicious RCU usage(?:.*\\n)+?.*?{{SRC}}").stack(callTrace().skip("rcu", "kmem", "slab")),
                title("WARNING: kernel stack regs at [0-9a-f]+ in [^ ]* has bad '([^']+)' value",
                        "WARNING: kernel stack regs has bad '%[1]v' value").noStack(),
                title("WARNING: kernel stack frame pointer at [0-9a-f]+ in [^ ]* has bad value",
                        "WARNING: kernel stack frame pointer has bad value").noStack(),
                title("WARNING: bad unlock balance detected!", "WARNING: bad unlock balance in %[1]v")
                        .stack(StackFormat.of(Rx.of("{{PC}} +{{FUNC}}"), CALL_TRACE, TRACE)),
                title("WARNING: held lock freed!", "WARNING: held lock freed in %[1]v")
                        .report("WARNING: held lock freed!(?:.*\\n)+?.*at:(?: {{PC}})? +{{FUNC}}"),
                title("WARNING: kernel stack regs .* has bad 'bp' value", "WARNING: kernel stack regs has bad value").noStack(),
                title("WARNING: kernel stack frame pointer .* has bad value", "WARNING: kernel stack regs has bad value").noStack(),
                title("WARNING:[[:space:]]*(?:\\n|$)", "WARNING: corrupted").corrupt());
    }

    private static Oops info() {
        String trying = "(?:.*\\n)+?.*at: {{PC}} +{{FUNC}}";
        return oops("INFO:", Rx.all("INFO: lockdep is turned off", "INFO: Stall ended before state dump start",
                        "INFO: NMI handler", "INFO: recovery required on readonly filesystem", "(handler|interrupt).*took too long",
                        "INFO: sys_.* is not present in /proc/kallsyms", "INFO: no syscalls can create resource", "rmt_storage:INFO:",
                        "_INFO:"),
                title("INFO: possible circular locking dependency detected", "possible deadlock in %[1]v")
                        .report("INFO: possible circular locking dependency detected \\](?:.*\\n)+?.*is trying to acquire lock" + trying),
                title("INFO: possible irq lock inversion dependency detected", "possible deadlock in %[1]v")
                        .report("INFO: possible irq lock inversion dependency detected \\](?:.*\\n)+?.*just changed the state of lock"
                                + trying),
                title("INFO: SOFTIRQ-safe -> SOFTIRQ-unsafe lock order detected", "possible deadlock in %[1]v")
                        .report("INFO: SOFTIRQ-safe -> SOFTIRQ-unsafe lock order detected \\](?:.*\\n)+?.*is trying to acquire" + trying),
                title("INFO: possible recursive locking detected", "possible deadlock in %[1]v")
                        .report("INFO: possible recursive locking detected \\](?:.*\\n)+?.*is trying to acquire lock" + trying),
                title("INFO: inconsistent lock state", "inconsistent lock state in %[1]v")
                        .report("INFO: inconsistent lock state \\](?:.*\\n)+?.*takes" + trying),
                title("INFO: rcu_(?:preempt|sched|bh|tasks) (?:self-)?detected(?: expedited)? stall", "INFO: rcu detected stall in %[1]v")
                        .stack(StackFormat.of(Rx.of("apic_timer_interrupt"), RIP, TRACE)
                                .orElse(Rx.of("(?:apic_timer_interrupt|Exception stack|el1h_64_irq)"), TRACE)
                                .skip("apic_timer_interrupt", "rcu").extractor(FrameExtractor.STALL)),
                title("INFO: trying to register non-static key", "INFO: trying to register non-static key in %[1]v")
                        .stack(callTrace().skip("stack", "lock", "IRQ")),
                title("INFO: suspicious RCU usage", "INFO: suspicious RCU usage in %[2]v")
                        .report("INFO: suspicious RCU usage(?:.*\\n)+?.*?{{SRC}}").stack(callTrace().skip("rcu", "kmem", "slab")),
                title("INFO: task {{TASK}} blocked (?:in I/O wait )?for more than [0-9]+ seconds", "INFO: task hung in %[1]v")
                        .stack(callTrace().extractor(FrameExtractor.HUNG_TASK)),
                // beyond syzkaller: the header wrapped by an 80-column console ("... blocked for more" / " than 120 seconds.")
                title("INFO: task {{TASK}} blocked (?:in I/O wait )?for more\\n", "INFO: task hung in %[1]v")
                        .stack(callTrace().extractor(FrameExtractor.HUNG_TASK)),
                title("INFO: task {{TASK}} can't die for more than .* seconds", "INFO: task can't die in %[1]v")
                        .stack(callTrace().skip("schedule")),
                title("INFO: (Freed|Allocated) in (.*)", "INFO: %[1]v in %[2]v").corrupt(),
                title("INFO:[[:space:]]*(?:\\n|$)", "INFO: corrupted").corrupt());
    }

    private static Oops panic() {
        return oops("Kernel panic",
                title("Kernel panic - not syncing: stack-protector:", "kernel panic: stack is corrupted in %[1]v")
                        .report("Kernel panic - not syncing: stack-protector: Kernel stack is corrupted in: {{FUNC}}").noStack(),
                title("Kernel panic - not syncing: stack-protector:", "kernel panic: stack is corrupted in %[1]v")
                        .report("Kernel panic - not syncing: stack-protector: Kernel stack is corrupted in: [a-f0-9]+")
                        .stack(callTrace().skip("stack_chk")),
                title("Kernel panic - not syncing: corrupted stack end", "kernel panic: corrupted stack end in %[1]v")
                        .report("Kernel panic - not syncing: corrupted stack end detected inside scheduler")
                        .stack(callTrace().skip("schedule", "retint_kernel").extractor(FrameExtractor.STALL)),
                title("Kernel panic - not syncing: kernel stack overflow", "kernel stack overflow in %[1]v")
                        .stack(callTrace().skip("bad_stack").extractor(FrameExtractor.STALL)),
                title("Kernel panic - not syncing: Attempted to kill init!", "kernel panic: Attempted to kill init!"),
                title("Kernel panic - not syncing: Couldn't open N_TTY ldisc for [^ ]+ --- error -[0-9]+",
                        "kernel panic: Couldn't open N_TTY ldisc"),
                // printed after the report that caused it: seen as the title, the report itself was lost
                title("Kernel panic - not syncing: Fatal exception", "kernel panic: Fatal exception").corrupt(),
                title("Kernel panic - not syncing: panic_on_warn set", "kernel panic: panic_on_warn set").corrupt(),
                title("Kernel panic - not syncing: hung_task: blocked tasks", "kernel panic: hung_task: blocked tasks").corrupt(),
                title("Kernel panic - not syncing: (.*)", "kernel panic: %[1]v"));
    }

    private static Oops kernelBug() {
        return oops("kernel BUG",
                title("kernel BUG at mm/usercopy.c", "BUG: bad usercopy in %[1]v").stack(callTrace().skip("usercopy", "__check")),
                title("kernel BUG at lib/list_debug.c", "BUG: corrupted list in %[1]v").stack(callTrace()),
                // skb wrappers BUG_ON for their callers' mistakes
                title("kernel BUG at (.*)", "kernel BUG in %[2]v").stack(ripStack().skip("^skb_")));
    }

    private static Oops ubsan() {
        return oops("UBSAN:",
                title("UBSAN:", "UBSAN: undefined-behaviour in %[1]v").report("UBSAN: Undefined behaviour in")
                        .stack(callTrace().skip("ubsan", "overflow")),
                title("UBSAN: array-index-out-of-bounds in", "UBSAN: array-index-out-of-bounds in %[1]v")
                        .stack(callTrace().skip("ubsan", "overflow")),
                title("UBSAN:", "UBSAN: %[1]v in %[2]v").report("UBSAN: (.*?) in").stack(callTrace().skip("ubsan", "overflow")));
    }
}
