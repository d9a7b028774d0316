package rig.devices.own;

import java.io.IOException;

/**
 * Removes a container named by a {@link Claim.Kind#CONTAINER} claim, with whatever it left on the
 * host (its loop devices, tracing instances). The container engine provides it through
 * {@link java.util.ServiceLoader}: this module knows no container engine.
 */
public interface ContainerRemover {

    /** Removes the container of {@code resource}; what was done, or why it was kept. */
    Sweeper.Outcome remove(String resource) throws IOException;
}
