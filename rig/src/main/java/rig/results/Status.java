package rig.results;

/** A numbered test's result, in fstests' words. */
public enum Status {
    PASS("pass"), FAIL("fail"), NOTRUN("not run"), EXPUNGED("expunged"),
    /** The run was interrupted (SIGINT, SIGTERM, SIGHUP) while the test ran: it counts as tried, not failed, as in fstests. */
    INTERRUPTED("interrupted");

    private final String word;

    Status(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }
}
