package rig.triage.signature;

/**
 * Where a finding was seen.
 *
 * @param config the configuration (section, host, kernel: the results path above the suite), "" if none
 * @param test   the test ("generic/250"), or null for logs that did not come from a test
 * @param source the file (or "<stdin>") the finding was read from
 */
public record Scope(String config, String test, String source) {
    /** The unit that a finding is counted and correlated in: the test in its configuration, else the file. */
    String unit() {
        return test == null ? "file:" + source : config + "\u0000" + test;
    }
}
