package rig.results;

/** A numbered test's result, in fstests' words. */
public enum Status {
    PASS("pass"), FAIL("fail"), NOTRUN("not run"), EXPUNGED("expunged");

    private final String word;

    Status(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }
}
