package rig.triage.oops;

import java.util.List;
import java.util.regex.Pattern;

/** The function syzkaller's rules name for a blocked task's stack (top frame first). */
public final class HungTaskCulprit {
    private static final Pattern SKIP = Pattern.compile(String.join("|", StackRules.SKIP));

    private HungTaskCulprit() {
    }

    /** The culprit among {@code functions} (normalised names, top of stack first), or null. */
    public static String of(List<String> functions) {
        List<String> kept = functions.stream().filter(f -> !SKIP.matcher(f).find()).map(StackRules::strip).toList();
        return FrameExtractor.HUNG_TASK.pick(kept);
    }
}
