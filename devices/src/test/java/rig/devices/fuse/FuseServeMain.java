package rig.devices.fuse;

import java.nio.file.Path;
import rig.devices.own.Registry;

/** Test-only: serve a backing file through FUSE on a mount point until killed. Args: backing size mnt. */
public final class FuseServeMain {
    public static void main(String[] args) throws Exception {
        long size = Long.parseLong(args[1]);
        PassThroughHandler h = new PassThroughHandler(Path.of(args[0]), size);
        FuseMount m = FuseMount.mount(Registry.open(), Path.of(args[2]), "test", h, 4, 32, System.err::println);
        System.out.println("READY " + m.file() + " connection " + m.connection() + " minor " + m.protocolMinor());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try { m.close(); } catch (Exception e) { e.printStackTrace(); }
        }));
        m.awaitEnd(java.time.Duration.ofDays(1));
        System.out.println("ENDED");
    }
}
