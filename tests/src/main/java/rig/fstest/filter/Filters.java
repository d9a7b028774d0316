package rig.fstest.filter;

import java.util.LinkedHashMap;
import java.util.Map;
import rig.fstest.Config;

/**
 * fstests' output filters: the host's paths and devices become their variable names, so that
 * the golden output does not depend on where the devices are ({@code _filter_scratch},
 * {@code _filter_test_dir}).
 */
public final class Filters {
    private Filters() {
    }

    /** {@code _filter_scratch}: SCRATCH_DEV and SCRATCH_MNT replaced by their names. */
    public static String scratch(Config cfg, String text) {
        Map<String, String> subst = new LinkedHashMap<>();
        cfg.scratchDev().ifPresent(d -> subst.put(d, "SCRATCH_DEV"));
        cfg.scratchMnt().ifPresent(m -> subst.put(trimSlash(m.toString()), "SCRATCH_MNT"));
        return replacePaths(text, subst);
    }

    /** {@code _filter_test_dir}: TEST_DEV and TEST_DIR replaced by their names. */
    public static String testDir(Config cfg, String text) {
        Map<String, String> subst = new LinkedHashMap<>();
        cfg.testDev().ifPresent(d -> subst.put(d, "TEST_DEV"));
        cfg.testDir().ifPresent(m -> subst.put(trimSlash(m.toString()), "TEST_DIR"));
        return replacePaths(text, subst);
    }

    /** Both filters, scratch first (a scratch mount may sit under TEST_DIR's parent). */
    public static String all(Config cfg, String text) {
        return testDir(cfg, scratch(cfg, text));
    }

    /**
     * Replaces each path where it appears as a whole path component prefix: "/mnt/scratch/a"
     * and "/mnt/scratch" match "/mnt/scratch", "/mnt/scratch2" does not.
     */
    static String replacePaths(String text, Map<String, String> subst) {
        String result = text;
        for (var e : subst.entrySet()) {
            if (e.getKey().isEmpty() || e.getKey().equals("/")) {
                continue;
            }
            result = replaceComponent(result, e.getKey(), e.getValue());
        }
        return result;
    }

    private static String replaceComponent(String text, String path, String name) {
        StringBuilder sb = new StringBuilder();
        int from = 0;
        int at;
        while ((at = text.indexOf(path, from)) >= 0) {
            int end = at + path.length();
            boolean startOk = at == 0 || !isPathChar(text.charAt(at - 1));
            boolean endOk = end == text.length() || !isPathChar(text.charAt(end)) || text.charAt(end) == '/';
            sb.append(text, from, at).append(startOk && endOk ? name : path);
            from = end;
        }
        return sb.append(text.substring(from)).toString();
    }

    private static boolean isPathChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '/';
    }

    private static String trimSlash(String p) {
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
