package rig.check.run;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.List;

/**
 * Compares a test's transcript with its golden output, as fstests does: exact lines; on a
 * mismatch, the unified diff and its first DIFF_LENGTH lines (0 = all) for the console.
 */
public final class Golden {

    public static final int DEFAULT_DIFF_LENGTH = 10;

    /** {@code diff}: the whole unified diff; {@code head}: what the console shows. Both empty on a match. */
    public record Comparison(boolean matches, List<String> diff, List<String> head) {
    }

    private Golden() {
    }

    public static Comparison compare(List<String> golden, List<String> actual, String goldenName,
                                     String actualName, int diffLength) {
        if (golden.equals(actual)) {
            return new Comparison(true, List.of(), List.of());
        }
        Patch<String> patch = DiffUtils.diff(golden, actual);
        List<String> diff = UnifiedDiffUtils.generateUnifiedDiff(goldenName, actualName, golden, patch, 3);
        List<String> head = diffLength <= 0 || diff.size() <= diffLength ? diff : diff.subList(0, diffLength);
        return new Comparison(false, List.copyOf(diff), List.copyOf(head));
    }

    /** DIFF_LENGTH from the configuration: a number, default 10. */
    public static int diffLength(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_DIFF_LENGTH;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new rig.config.UserInputException("DIFF_LENGTH=" + value + " is not a number of lines; set it to e.g. 10, or 0 for the whole diff");
        }
    }
}
