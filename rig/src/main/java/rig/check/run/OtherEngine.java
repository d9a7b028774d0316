package rig.check.run;

import java.io.IOException;
import java.util.List;

/**
 * An engine that runs {@code ./check} elsewhere than on this host (the container engine, for
 * {@code RIG_ENGINE=container}). Provided through {@link java.util.ServiceLoader} by a module that
 * depends on this one.
 */
public interface OtherEngine {

    /** The {@code RIG_ENGINE} value it serves ("container"). */
    String name();

    /** Runs {@code ./check} with {@code checkArgs} in {@code userland} (blank: the engine's default); the exit status. */
    int check(List<String> checkArgs, String userland) throws IOException;
}
