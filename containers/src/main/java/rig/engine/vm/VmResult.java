package rig.engine.vm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * What a guest run left: the command's exit status (empty when the guest never reported one:
 * it did not boot, crashed, or was killed at its timeout), its stdout and stderr, the results
 * directory copied back, the serial console log, and where the time went (seconds of guest
 * uptime at the end of boot and the command's duration, from the guest's clock).
 */
public record VmResult(OptionalInt exitStatus, boolean timedOut, String stdout, String stderr, Path results,
                       Path console, OptionalDouble bootSeconds, OptionalDouble commandSeconds, Duration wall) {

    public boolean ok() {
        return !timedOut && exitStatus.isPresent() && exitStatus.getAsInt() == 0;
    }

    /** One line for people: "guest booted in 9.8 s; command exited 0 after 143.2 s; 161 s in all". */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(bootSeconds.isPresent() ? String.format("guest booted in %.1f s", bootSeconds.getAsDouble())
                : "guest did not finish booting");
        if (exitStatus.isPresent()) {
            sb.append(String.format("; command exited %d after %.1f s", exitStatus.getAsInt(),
                    commandSeconds.orElse(Double.NaN)));
        } else {
            sb.append(timedOut ? "; killed at the timeout" : "; no exit status from the guest");
        }
        sb.append("; ").append(wall.toSeconds()).append(" s in all (console: ").append(console).append(')');
        return sb.toString();
    }
}
