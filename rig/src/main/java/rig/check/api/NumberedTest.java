package rig.check.api;

/**
 * The body of a numbered test. It writes its QA transcript to {@link TestEnv#out()}; the
 * runner compares that with the golden {@code NNN.out}. Throwing {@link NotRunException}
 * makes the test "not run" with its reason; any other exception fails it.
 */
public interface NumberedTest {
    void run(TestEnv env) throws Exception;
}
