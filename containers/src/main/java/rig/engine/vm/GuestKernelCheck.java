package rig.engine.vm;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import rig.engine.kernel.KernelConfig;

/**
 * Refuses, before booting, a kernel that lacks what the guest needs (the rig's fragment,
 * rig/kernel/guest.config), in one line naming the options, instead of a guest that times out.
 * The configuration is read from the build tree, /boot or the image itself; a kernel whose
 * configuration cannot be read is booted unchecked, with a line saying so.
 */
final class GuestKernelCheck {
    private GuestKernelCheck() {
    }

    static void require(HostKernel k, PrintStream err) throws IOException {
        Optional<KernelConfig> config = k.config();
        if (config.isEmpty()) {
            err.println("rig vm: cannot read the configuration of " + k.version() + " (no .config beside " + k.vmlinuz()
                    + ", no /boot/config-" + k.version() + ", no CONFIG_IKCONFIG in the image); booting it unchecked");
            return;
        }
        boolean modules = k.modules() != null;
        List<String> lacking = config.get().lacking(KernelConfig.guestRequirements(), modules);
        if (!lacking.isEmpty()) {
            throw new BadKernelException("kernel " + k.version() + " (" + k.vmlinuz() + ") lacks " + String.join(", ", lacking)
                    + (modules ? "" : " (built in: it has no modules)") + ", which the guest needs: build it with the rig's fragment"
                    + " (rig kernel build, or merge " + KernelConfig.GUEST_FRAGMENT.substring(1) + " from the rig's jar)");
        }
    }
}
