package rig.checkers.device;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import rig.check.api.CheckContext;
import rig.check.api.Checker;
import rig.devices.java.JavaDevice;

/**
 * Fails a test during which the Java device failed a request because of its own bug (the fault engine's
 * {@code rig_errors} counter grew). Such a request was answered EIO like an injected fault; without this
 * check a test that expects EIO would pass on a bug of the rig.
 */
public final class DeviceErrorChecker implements Checker {
    private long before = -1;

    @Override
    public String name() {
        return "device";
    }

    @Override
    public void start(CheckContext ctx) {
        before = rigErrors(ctx);
    }

    @Override
    public List<String> finish(CheckContext ctx) {
        long after = rigErrors(ctx);
        if (before < 0 || after <= before) {
            return List.of();
        }
        return List.of("rig error in the Java device: " + (after - before) + " request(s) answered EIO because of a"
                + " bug of the rig, not an injected fault (the device server's log and the journal say which)");
    }

    /** The device's rig_errors counter, or -1 when SCRATCH is no Java device (or it cannot be asked). */
    static long rigErrors(CheckContext ctx) {
        String socket = ctx.config().get(JavaDevice.CONTROL_ENV);
        if (socket == null || socket.isBlank() || !Files.exists(Path.of(socket))) {
            return -1;
        }
        try {
            return JavaDevice.connect(Path.of(socket)).control().counters().rigErrors();
        } catch (IOException | RuntimeException e) {
            return -1; // the device is gone (a hung test's recovery rebuilds it): nothing to compare
        }
    }
}
