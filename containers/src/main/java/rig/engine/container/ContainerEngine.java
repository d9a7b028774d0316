package rig.engine.container;

import java.io.IOException;
import java.util.List;
import rig.check.run.OtherEngine;

/** {@code RIG_ENGINE=container ./check ...}: the same run as {@code rig container check --userland RIG_USERLAND ...}. */
public final class ContainerEngine implements OtherEngine {

    static final String DEFAULT_USERLAND = "bookworm";

    @Override
    public String name() {
        return "container";
    }

    @Override
    public int check(List<String> checkArgs, String userland) throws IOException {
        Userland u = Userland.named(userland == null || userland.isBlank() ? DEFAULT_USERLAND : userland);
        return new ContainerCheck().check(List.of(u), checkArgs, System.out, System.err);
    }
}
