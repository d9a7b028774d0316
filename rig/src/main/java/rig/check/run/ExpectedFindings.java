package rig.check.run;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A positive control's declared checker findings ({@code @Fstest(expectedFindings = ...)}):
 * which findings were expected, which were not, and which expectations no finding met.
 */
final class ExpectedFindings {

    /** {@code failures} fail the test: unexpected findings, then one line per unmet expectation. */
    record Result(List<String> expected, List<String> unexpected, List<String> missing) {
        List<String> failures() {
            List<String> all = new ArrayList<>(unexpected);
            missing.forEach(m -> all.add("expected checker finding missing: /" + m + "/"));
            return all;
        }
    }

    private ExpectedFindings() {
    }

    static Result apply(String[] regexes, List<String> findings, boolean checkersEnabled) {
        if (!checkersEnabled || regexes.length == 0) {
            return new Result(List.of(), List.copyOf(findings), List.of());
        }
        List<Pattern> patterns = new ArrayList<>();
        for (String re : regexes) {
            patterns.add(Pattern.compile(re));
        }
        List<String> expected = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        for (String f : findings) {
            (patterns.stream().anyMatch(p -> p.matcher(f).find()) ? expected : unexpected).add(f);
        }
        List<String> missing = new ArrayList<>();
        for (Pattern p : patterns) {
            if (expected.stream().noneMatch(f -> p.matcher(f).find())) {
                missing.add(p.pattern());
            }
        }
        return new Result(List.copyOf(expected), List.copyOf(unexpected), List.copyOf(missing));
    }
}
