package rig.triage.oops;

import java.util.List;

/** The function syzkaller's rules name for a blocked task's stack (top frame first). */
public final class HungTaskCulprit {
    private HungTaskCulprit() {
    }

    /** The culprit among {@code functions} (normalised names, top of stack first), or null. */
    public static String of(List<String> functions) {
        List<String> kept = functions.stream().filter(f -> !StackRules.SKIP_PATTERN.matcher(f).find()).map(StackRules::strip).toList();
        return FrameExtractor.HUNG_TASK.pick(kept);
    }
}
